using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Costs.CostIngest.Tests.Kubernetes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Costs.Tests.Fleet;

/// <summary>
/// The Connect gateway on loopback: one HTTPS host (its certificate issued by the test CA, as the GKE list's
/// clusterCaCertificate names it) that passes each request under <c>/v1/projects/N/locations/L/gkeMemberships/NAME/</c>
/// on to the fake Kubernetes API server of that membership (served under the same path), with its bearer token,
/// and hands back the answer as it came. Real gateways do the same over Google's front end.
/// </summary>
internal sealed class FakeConnectGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();

    private FakeConnectGateway(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<FakeConnectGateway> StartAsync(X509Certificate2 certificate, IReadOnlyList<FakeKubeApiServer> members)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0,
            o => o.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate })));
        var app = builder.Build();
        var gateway = new FakeConnectGateway(app);
        app.Run(async ctx =>
        {
            var path = ctx.Request.Path.Value ?? "";
            var member = members.FirstOrDefault(m => path.StartsWith(m.BaseAddress.AbsolutePath, StringComparison.Ordinal));
            if (member is null)
            {
                ctx.Response.StatusCode = 404;
                return;
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(member.BaseAddress, path + ctx.Request.QueryString));
            request.Headers.TryAddWithoutValidation("Authorization", ctx.Request.Headers.Authorization.ToString());
            using var answer = await gateway._http.SendAsync(request, ctx.RequestAborted);
            ctx.Response.StatusCode = (int)answer.StatusCode;
            ctx.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
            await ctx.Response.WriteAsync(await answer.Content.ReadAsStringAsync(ctx.RequestAborted), ctx.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One cluster of the fleet: its GKE identity, its one node and its pods (name, namespace, labels, CPU cores, GiB).</summary>
internal sealed record FleetCluster(string Name, string Project, string ProjectNumber, string Node, string Region,
    IReadOnlyList<(string Namespace, string Pod, JsonObject Labels, int Cores, int GiB)> Pods)
{
    public string MembershipPath => $"/v1/projects/{ProjectNumber}/locations/global/gkeMemberships/{Name}";

    /// <summary>The GKE list's Cluster object (REST reference shape), registered to the fleet of its project.</summary>
    public JsonObject GkeCluster(string caPem) => new()
    {
        ["name"] = Name, ["location"] = Region, ["status"] = "RUNNING", ["endpoint"] = "10.0.0.2",
        ["masterAuth"] = new JsonObject { ["clusterCaCertificate"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem)) },
        ["fleet"] = new JsonObject
        {
            ["project"] = $"projects/{ProjectNumber}",
            ["membership"] = $"//gkehub.googleapis.com/projects/{ProjectNumber}/locations/global/memberships/{Name}",
        },
    };

    /// <summary>Fills the fake API server: the node (4 cores, 16 GiB, all allocatable) and the pods on it; no metrics-server.</summary>
    public void Populate(FakeKubeApiServer server)
    {
        server.MetricsServed = false;
        server.Nodes.Add(new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = Node, ["uid"] = "node-" + Node,
                ["labels"] = new JsonObject
                {
                    ["node.kubernetes.io/instance-type"] = "e2-standard-4", ["cloud.google.com/gke-nodepool"] = "default-pool",
                    ["topology.kubernetes.io/zone"] = Region + "-b",
                },
            },
            ["spec"] = new JsonObject { ["providerID"] = $"gce://{Project}/{Region}-b/{Node}" },
            ["status"] = new JsonObject
            {
                ["capacity"] = new JsonObject { ["cpu"] = "4", ["memory"] = "16Gi", ["pods"] = "110" },
                ["allocatable"] = new JsonObject { ["cpu"] = "4", ["memory"] = "16Gi", ["pods"] = "110" },
            },
        });
        foreach (var ns in Pods.Select(p => p.Namespace).Distinct())
            server.Namespaces.Add(new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = ns, ["uid"] = "ns-" + ns,
                    ["labels"] = ns == "vault" ? new JsonObject { ["cost-share"] = "platform" } : new JsonObject(),
                },
            });
        foreach (var (ns, name, labels, cores, gib) in Pods)
        {
            var pod = KubeFixtures.DerivedPod(ns, name, $"uid-{Name}-{name}", "ReplicaSet", name + "-5d4c3b2a1", cores.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{gib}Gi", Node);
            pod["metadata"]!["labels"] = labels.DeepClone();
            server.Pods.Add(pod);
        }
    }
}
