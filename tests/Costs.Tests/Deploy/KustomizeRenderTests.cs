using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Costs.Tests.Deploy;

/// <summary>
/// Renders every overlay under deploy/ with the real <c>kubectl kustomize</c>, as
/// <c>kubectl apply -k deploy/OVERLAY</c> (docs/deploy-gke.md) does before it applies anything. Parsing
/// the YAML files (<see cref="ManifestTests"/>) cannot see what only kustomize checks, such as an overlay
/// whose base is its own parent folder ("cycle detected").
/// kubectl must be on PATH: when it is missing these tests fail, they do not skip. Debian's
/// kubernetes-client (1.20) embeds kustomize 2.0.3, which cannot read these kustomizations
/// (<c>labels</c>, a folder in <c>resources</c>), so test.sh does not install it; kubectl 1.22 or later is needed.
/// </summary>
public sealed class KustomizeRenderTests
{
    private static readonly string DeployDir = Path.Combine(RepoRoot.Path, "deploy");

    /// <summary>Every folder of deploy/ with a kustomization, except the base.</summary>
    public static TheoryData<string> Overlays()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(DeployDir).Order(StringComparer.Ordinal))
            if (File.Exists(Path.Combine(dir, "kustomization.yaml")) && Path.GetFileName(dir) != "base")
                data.Add(Path.GetFileName(dir));
        return data;
    }

    [Fact]
    public void Overlays_Found_CronJobAndServe()
    {
        Assert.Equal(["cronjob", "serve"], Overlays().Cast<object[]>().Select(o => (string)o[0]).ToList());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task KubectlKustomize_Overlay_RendersBaseAndWorkloadInNamespaceCosts(string overlay)
    {
        var (exit, output, error) = await KubectlAsync("kustomize", Path.Combine(DeployDir, overlay));
        Assert.True(exit == 0, $"kubectl kustomize deploy/{overlay} exited {exit}: {error}");

        var objects = new List<YamlMappingNode>();
        var stream = new YamlStream();
        stream.Load(new StringReader(output));
        foreach (var doc in stream.Documents) objects.Add((YamlMappingNode)doc.RootNode);
        var kinds = objects.Select(o => Text(o, "kind")).ToList();
        foreach (var kind in new[] { "Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "PersistentVolumeClaim", "ConfigMap" })
            Assert.Contains(kind, kinds);
        Assert.Single(kinds, k => k is "CronJob" or "Deployment");

        foreach (var o in objects.Where(o => Text(o, "kind") is not ("Namespace" or "ClusterRole" or "ClusterRoleBinding")))
            Assert.True(Text(o, "metadata", "namespace") == "costs", $"{Text(o, "kind")} {Text(o, "metadata", "name")}: namespace");
        foreach (var o in objects)
            Assert.True(Text(o, "metadata", "labels", "app.kubernetes.io/part-of") == "costs", $"{Text(o, "kind")}: part-of label");
        // The overlay's `images:` entry reached the workload: no container is left on the bare name.
        Assert.DoesNotMatch(@"(?m)^\s*image:\s*costs\s*$", output);
        Assert.Matches(@"(?m)^\s*image:\s*\S+/costs:\S+\s*$", output);
    }

    private static string? Text(YamlNode node, params string[] path)
    {
        foreach (var p in path)
        {
            if (node is not YamlMappingNode m || !m.Children.TryGetValue(new YamlScalarNode(p), out var next)) return null;
            node = next;
        }
        return (node as YamlScalarNode)?.Value;
    }

    private static async Task<(int Exit, string Out, string Error)> KubectlAsync(params string[] args)
    {
        var kubectl = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "kubectl")).FirstOrDefault(File.Exists);
        if (kubectl is null)
            Assert.Fail("kubectl is not on PATH, so the deploy/ overlays cannot be rendered: install kubectl 1.22 or later " +
                "(Debian's kubernetes-client 1.20 is too old for these kustomizations).");
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
