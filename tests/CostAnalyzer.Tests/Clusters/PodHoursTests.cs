using Costs.CostModel.Billing;
using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Clusters;

namespace Costs.CostAnalyzer.Tests.Clusters;

public partial class PodHoursTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private static NodeObservation NodeObs(string name) => new()
    {
        Name = name, InstanceName = name, ProviderProject = "acme-prod", NodePool = "default-pool",
        CpuCapacity = 2m, CpuAllocatable = 1.93m, MemoryCapacity = 8_341_000_000m, MemoryAllocatable = 6_000_000_000m,
    };

    private static PodObservation PodObs(string uid, string node, decimal cpu, string phase = "Running") => new()
    {
        Uid = uid, Namespace = "shop", Name = "api-" + uid, NodeName = node, Phase = phase, Workload = "Deployment/api",
        CpuRequest = cpu, MemoryRequest = 1_073_741_824m,
    };

    // prod, hour 10:00 has three samples (10:00, 10:20, 10:40), hour 11:00 one (11:00).
    // | pod | seen at             | cpu request | cpu usage           | weight in hour 10      |
    // | a   | 10:00 10:20 10:40   | 0.5         | 0.2, 0.9, none      | (0.5+0.9+0.5)/3        |
    // | b   | 10:40 11:00         | 0.3         | none                | 0.3/3 (a third present)|
    // | c   | 10:00 - 11:00       | Succeeded   |                     | not counted            |
    [Fact]
    public void Integrate_ThreeSamplesInAnHour_MeanTimesPresence()
    {
        var samples = new[] { T0, T0.AddMinutes(20), T0.AddMinutes(40), T0.AddHours(1) }
            .Select((t, i) => new SampleInstant(i + 1, "prod", "production", t, true)).ToList();
        Seen<PodObservation>[] versions =
        [
            new("prod", PodObs("a", "n1", 0.5m), T0, T0.AddMinutes(40)) { Id = 1 },
            new("prod", PodObs("b", "n1", 0.3m), T0.AddMinutes(40), T0.AddHours(1)) { Id = 2 },
            new("prod", PodObs("c", "n1", 1m, "Succeeded"), T0, T0.AddHours(1)) { Id = 3 },
        ];
        var stored = new StoredClusterSamples(samples,
            [new Seen<NodeObservation>("prod", NodeObs("n1"), T0, T0.AddHours(1)) { Id = 1 }],
            versions,
            UsageHours.OfPods(samples, versions, [new SampleUsage(1, "a", 0.2m, 1m), new SampleUsage(2, "a", 0.9m, 1m)]),
            []);

        var (nodes, pods) = PodHours.Integrate(stored);

        Assert.Equal([T0, T0.AddHours(1)], nodes.Select(n => n.Hour));
        Assert.Equal(2m, nodes[0].CpuCapacity);
        var a = pods.Single(p => p.Pod.Uid == "a");
        Assert.Equal(1.9m / 3m, a.CpuWeight);
        Assert.Equal(1.5m / 3m, a.CpuRequest);
        Assert.Equal(1.1m / 3m, a.CpuUsage);
        var b10 = pods.Single(p => p.Pod.Uid == "b" && p.Hour == T0);
        Assert.Equal(0.3m / 3m, b10.CpuWeight);
        Assert.Null(b10.CpuUsage);
        Assert.Equal(0.3m, pods.Single(p => p.Pod.Uid == "b" && p.Hour == T0.AddHours(1)).CpuWeight);
        Assert.DoesNotContain(pods, p => p.Pod.Uid == "c");
        Assert.Equal("production", a.Environment);
    }

    [Fact]
    public void Hour_AnyInstant_StartOfUtcHour()
    {
        Assert.Equal(T0, PodHours.Hour(new DateTimeOffset(2026, 11, 2, 11, 59, 59, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void Integrate_NamespaceLabelsChangeMidDay_EachHourTakesTheVersionThenSeen()
    {
        var samples = new[] { T0, T0.AddHours(1) }.Select((t, i) => new SampleInstant(i + 1, "prod", null, t, false)).ToList();
        var stored = new StoredClusterSamples(samples,
            [new Seen<NodeObservation>("prod", NodeObs("n1"), T0, T0.AddHours(1))],
            [new Seen<PodObservation>("prod", PodObs("a", "n1", 0.5m), T0, T0.AddHours(1))], [], [])
        {
            Namespaces =
            [
                new Seen<NamespaceObservation>("prod", new NamespaceObservation(PodObs("a", "n1", 0.5m).Namespace, Labels.Of(("team", "old"))), T0, T0),
                new Seen<NamespaceObservation>("prod", new NamespaceObservation(PodObs("a", "n1", 0.5m).Namespace, Labels.Of(("team", "new"))), T0.AddHours(1), T0.AddHours(1)),
                new Seen<NamespaceObservation>("other", new NamespaceObservation(PodObs("a", "n1", 0.5m).Namespace, Labels.Of(("team", "elsewhere"))), T0, T0),
            ],
        };

        var (_, pods) = PodHours.Integrate(stored);

        Assert.Equal(["old", "new"], pods.OrderBy(p => p.Hour).Select(p => p.Pod.NamespaceLabels.TryGetValue("team", out var t) ? t : null));
    }
}
