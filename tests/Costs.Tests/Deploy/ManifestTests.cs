using Costs.CostApplication.Settings;
using Costs.CostAnalyzer.Alerts;
using Costs.CostReports.Email;
using Costs.Cli.Verbs;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace Costs.Tests.Deploy;

/// <summary>
/// deploy/: every manifest is a Kubernetes object (apiVersion, kind, metadata.name), no ClusterRole
/// grants more than get/list/watch, the pods run non-root on a read-only root filesystem, and the
/// example configuration in the ConfigMap is valid.
/// </summary>
public sealed class ManifestTests
{
    private static readonly string Root = RepoRoot.Path;
    private static readonly string DeployDir = Path.Combine(Root, "deploy");

    private static IEnumerable<string> YamlFiles() =>
        Directory.EnumerateFiles(DeployDir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static IEnumerable<(string File, YamlMappingNode Doc)> Documents()
    {
        foreach (var file in YamlFiles())
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file)) stream.Load(reader);
            foreach (var doc in stream.Documents)
                if (doc.RootNode is YamlMappingNode map) yield return (Path.GetRelativePath(DeployDir, file), map);
                else throw new Xunit.Sdk.XunitException($"{file}: a document is not a mapping.");
        }
    }

    private static YamlNode? At(YamlNode node, params string[] path)
    {
        foreach (var p in path)
        {
            if (node is not YamlMappingNode m || !m.Children.TryGetValue(new YamlScalarNode(p), out var next)) return null;
            node = next;
        }
        return node;
    }

    private static string? Text(YamlNode node, params string[] path) => (At(node, path) as YamlScalarNode)?.Value;

    private static IEnumerable<(string File, YamlMappingNode Doc)> Objects() =>
        Documents().Where(d => Text(d.Doc, "kind") != "Kustomization");

    [Fact]
    public void Manifests_Each_KubernetesObjectWithApiVersionKindName()
    {
        var objects = Objects().ToList();
        Assert.NotEmpty(objects);
        foreach (var (file, doc) in objects)
        {
            Assert.False(string.IsNullOrWhiteSpace(Text(doc, "apiVersion")), $"{file}: apiVersion");
            Assert.False(string.IsNullOrWhiteSpace(Text(doc, "kind")), $"{file}: kind");
            Assert.False(string.IsNullOrWhiteSpace(Text(doc, "metadata", "name")), $"{file}: metadata.name");
        }
        var kinds = objects.Select(o => Text(o.Doc, "kind")).ToHashSet();
        foreach (var k in new[] { "Namespace", "ServiceAccount", "PersistentVolumeClaim", "ConfigMap", "CronJob", "Deployment" })
            Assert.Contains(k, kinds);
    }

    [Fact]
    public void ClusterRoles_Verbs_OnlyGetListWatch()
    {
        foreach (var (file, doc) in Objects().Where(o => Text(o.Doc, "kind") is "ClusterRole" or "Role"))
            Assert.True(WriteVerbs(doc).Count == 0, $"{file}: verbs beyond get/list/watch: {string.Join(", ", WriteVerbs(doc))}");
    }

    [Fact]
    public void WriteVerbs_RoleThatCreates_Found()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("kind: ClusterRole\nrules:\n  - resources: [pods]\n    verbs: [get, list, create, \"*\"]\n"));
        Assert.Equal(["create", "*"], WriteVerbs((YamlMappingNode)stream.Documents[0].RootNode));
    }

    /// <summary>Every verb of a role's rules that is not get, list or watch ("*" included); a rule without verbs counts as "*".</summary>
    private static List<string> WriteVerbs(YamlMappingNode role)
    {
        var found = new List<string>();
        if (At(role, "rules") is not YamlSequenceNode rules) return found;
        foreach (var rule in rules)
        {
            if (At(rule, "verbs") is not YamlSequenceNode verbs) { found.Add("*"); continue; }
            found.AddRange(verbs.Cast<YamlScalarNode>().Select(v => v.Value ?? "").Where(v => v is not ("get" or "list" or "watch")));
        }
        return found;
    }

    [Fact]
    public void Kustomizations_ResourcesExist_AndBaseListsRbac()
    {
        var kustomizations = Documents().Where(d => Text(d.Doc, "kind") == "Kustomization").ToList();
        Assert.Equal(3, kustomizations.Count);
        foreach (var (file, doc) in kustomizations)
        {
            var dir = Path.GetDirectoryName(Path.Combine(DeployDir, file))!;
            foreach (var r in ((YamlSequenceNode)At(doc, "resources")!).Cast<YamlScalarNode>().Select(n => n.Value!))
            {
                var target = Path.GetFullPath(Path.Combine(dir, r));
                Assert.True(File.Exists(target) || File.Exists(Path.Combine(target, "kustomization.yaml")), $"{file}: resource {r} does not exist");
            }
        }
        var baseResources = ((YamlSequenceNode)At(kustomizations.Single(k => k.File == Path.Combine("base", "kustomization.yaml")).Doc, "resources")!)
            .Cast<YamlScalarNode>().Select(n => n.Value).ToList();
        Assert.Contains("rbac/clusterrole.yaml", baseResources);
        Assert.Contains("rbac/clusterrolebinding.yaml", baseResources);
    }

    [Fact]
    public void Workloads_Pods_NonRootReadOnlyRootWithWritableStoreAndTmp()
    {
        foreach (var (file, doc) in Objects().Where(o => Text(o.Doc, "kind") is "CronJob" or "Deployment"))
        {
            var pod = Text(doc, "kind") == "CronJob" ? At(doc, "spec", "jobTemplate", "spec", "template", "spec")! : At(doc, "spec", "template", "spec")!;
            Assert.Equal("costs", Text(pod, "serviceAccountName"));
            Assert.Equal("true", Text(pod, "securityContext", "runAsNonRoot"));
            foreach (var c in (YamlSequenceNode)At(pod, "containers")!)
            {
                Assert.Equal("true", Text(c, "securityContext", "readOnlyRootFilesystem"));
                Assert.Equal("false", Text(c, "securityContext", "allowPrivilegeEscalation"));
                var mounts = ((YamlSequenceNode)At(c, "volumeMounts")!).Select(m => Text(m, "mountPath")).ToList();
                Assert.Contains("/tmp", mounts);
                Assert.Contains("/var/lib/costs", mounts);
                var env = ((YamlSequenceNode)At(c, "env")!).ToList();
                Assert.Contains(env, e => At(e, "valueFrom", "secretKeyRef") is not null);
            }
            var volumes = ((YamlSequenceNode)At(pod, "volumes")!).ToList();
            Assert.Contains(volumes, v => Text(v, "persistentVolumeClaim", "claimName") == "costs-data");
            Assert.Contains(volumes, v => Text(v, "secret", "secretName") == "costs-secrets");
            Assert.Contains(volumes, v => At(v, "emptyDir") is not null);
            _ = file;
        }
    }

    [Fact]
    public void ServeDeployment_ProbesAndService_ReachTheHttpEndpointsOnTheContainerPort()
    {
        var deployment = Objects().Single(o => Text(o.Doc, "kind") == "Deployment").Doc;
        var container = ((YamlSequenceNode)At(deployment, "spec", "template", "spec", "containers")!).Single();
        var port = ((YamlSequenceNode)At(container, "ports")!).Single();
        Assert.Equal("http", Text(port, "name"));
        var env = ((YamlSequenceNode)At(container, "env")!).ToDictionary(e => Text(e, "name")!, e => Text(e, "value"));
        Assert.Equal(Text(port, "containerPort"), env["COSTS_Http__Port"]);
        Assert.Equal("0.0.0.0", env["COSTS_Http__BindAddress"]);
        Assert.StartsWith("/etc/costs/secrets/", env["COSTS_Http__TokenFile"], StringComparison.Ordinal);
        Assert.Equal(Costs.CostWeb.Health.HealthEndpoints.Health, Text(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal(Costs.CostWeb.Health.HealthEndpoints.Ready, Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("http", Text(container, "livenessProbe", "httpGet", "port"));
        Assert.Equal("http", Text(container, "readinessProbe", "httpGet", "port"));

        var service = Objects().Single(o => Text(o.Doc, "kind") == "Service").Doc;
        Assert.Equal("ClusterIP", Text(service, "spec", "type"));
        Assert.Equal("http", Text(((YamlSequenceNode)At(service, "spec", "ports")!).Single(), "targetPort"));
        var selector = (YamlMappingNode)At(service, "spec", "selector")!;
        var podLabels = (YamlMappingNode)At(deployment, "spec", "template", "metadata", "labels")!;
        foreach (var (key, value) in selector.Children)
            Assert.Equal(((YamlScalarNode)value).Value, Text(podLabels, ((YamlScalarNode)key).Value!));
    }

    [Fact]
    public void ServiceAccount_WorkloadIdentityAnnotation()
    {
        var sa = Objects().Single(o => Text(o.Doc, "kind") == "ServiceAccount").Doc;
        Assert.EndsWith(".iam.gserviceaccount.com", Text(sa, "metadata", "annotations", "iam.gke.io/gcp-service-account"));
    }

    [Fact]
    public void ConfigMap_ExampleConfig_Valid()
    {
        var cm = Objects().Single(o => Text(o.Doc, "kind") == "ConfigMap").Doc;
        var json = Text(cm, "data", "costs.json")!;
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        var alerts = new AlertOptions();
        config.GetSection(AlertOptions.SectionName).Bind(alerts);
        Assert.Empty(alerts.Validate());
        var email = new EmailOptions();
        config.GetSection(EmailOptions.SectionName).Bind(email);
        Assert.Empty(email.Validate());
        var schedules = new ScheduleOptions();
        config.GetSection(ScheduleOptions.SectionName).Bind(schedules);
        Assert.Empty(schedules.Validate(email));
    }
}
