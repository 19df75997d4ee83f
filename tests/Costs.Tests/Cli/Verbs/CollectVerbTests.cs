using Costs.Cli;

namespace Costs.Tests.Cli.Verbs;

/// <summary>`costs collect` when how to reach a cluster is configured wrong: exit 2 (fix the configuration), not 4 (an outage).</summary>
public sealed class CollectVerbTests
{
    [Fact]
    public async Task Collect_ContextNotInKubeconfig_ExitUsageNamingContextAndFile()
    {
        using var run = new CliRun();
        run.WriteConfig("""{ "Kubernetes": { "Kubeconfig": "kube.yaml", "Clusters": [ { "Name": "prod", "Context": "gke_acme_prod" } ] } }""");
        await File.WriteAllTextAsync(Path.Combine(run.Directory, "kube.yaml"), """
            apiVersion: v1
            kind: Config
            clusters:
            - name: staging
              cluster: { server: "https://127.0.0.1:9" }
            contexts:
            - name: staging
              context: { cluster: staging }
            """);

        Assert.Equal(ExitCodes.Usage, await run.RunAsync("collect"));

        var error = run.Error.ToString();
        Assert.Contains($"costs: Context 'gke_acme_prod' is not in the kubeconfig {Path.Combine(run.Directory, "kube.yaml")} (it has: staging).", error);
        Assert.Contains("costs: Cluster 'prod' was not collected.", error);
    }

    [Fact]
    public async Task Collect_KubeconfigVariableNamesNoFile_ExitUsage()
    {
        using var run = new CliRun();
        run.Variables["KUBECONFIG"] = "nowhere.yaml";

        Assert.Equal(ExitCodes.Usage, await run.RunAsync("collect", "--context", "prod"));

        Assert.Contains($"The kubeconfig file {Path.Combine(run.Directory, "nowhere.yaml")} does not exist.", run.Error.ToString());
    }
}
