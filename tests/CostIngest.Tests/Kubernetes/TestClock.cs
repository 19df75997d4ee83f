namespace Costs.CostIngest.Tests.Kubernetes;

/// <summary>A clock that moves only when the test says so.</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A process runner that answers from a delegate and counts calls: the exec plugin's stand-in.</summary>
internal sealed class FakeProcessRunner(Func<Costs.CostIngest.Kubernetes.ProcessSpec, int, Costs.CostIngest.Kubernetes.ProcessResult> answer)
    : Costs.CostIngest.Kubernetes.IProcessRunner
{
    public List<Costs.CostIngest.Kubernetes.ProcessSpec> Calls { get; } = [];

    public Task<Costs.CostIngest.Kubernetes.ProcessResult> RunAsync(Costs.CostIngest.Kubernetes.ProcessSpec spec, CancellationToken ct)
    {
        Calls.Add(spec);
        return Task.FromResult(answer(spec, Calls.Count));
    }
}
