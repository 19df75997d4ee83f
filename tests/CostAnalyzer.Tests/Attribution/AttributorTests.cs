using Costs.CostAnalyzer.Attribution;
using Costs.CostModel.Billing;

namespace Costs.CostAnalyzer.Tests.Attribution;

public class AttributorTests
{
    private static readonly AttributionOptions Options = new()
    {
        ServiceOwners = new() { ["checkout"] = "payments" },
        ClusterEnvironments = [new() { Pattern = "staging-*", Environment = "staging" }],
        ProjectEnvironments = [new() { Pattern = "*-prod", Environment = "production" }],
    };

    private static Labels L(string pairs) => pairs.Length == 0 ? Labels.Empty
        : Labels.From(pairs.Split(',').Select(p => p.Split('=')).Select(p => KeyValuePair.Create(p[0], p[1])));

    // labels                                   project labels  project     → service, team, environment, rule
    [Theory]
    [InlineData("app=cart,team=shop,env=prod", "", "x", "cart", "shop", "production", "service=label:app; team=label:team; environment=label:env")]
    [InlineData("app.kubernetes.io/name=web,app=other", "", "x", "web", null, null, "service=label:app.kubernetes.io/name")]
    [InlineData("k8s-label/app=search,k8s-namespace=shop,goog-k8s-cluster-name=staging-eu", "", "x", "search", null, "staging", "service=k8s-label:app; environment=cluster:staging-*")]
    [InlineData("app=checkout", "", "acme-prod", "checkout", "payments", "production", "service=label:app; team=owner:checkout; environment=project:*-prod")]
    [InlineData("", "service=billing,owner=fin", "acme-dev", "billing", "fin", null, "service=project-label:service; team=project-label:owner")]
    [InlineData("env=PRD", "", "x", null, null, "production", "environment=label:env")]
    [InlineData("", "", "acme-prod", null, null, "production", "environment=project:*-prod")]
    public void Attribute_Rules_FirstMatchWins(string labels, string projectLabels, string project,
        string? service, string? team, string? environment, string rule)
    {
        var a = new Attributor(Options).Attribute(L(labels), Labels.Empty, L(projectLabels), project, null, null);
        Assert.Equal((service, team, environment, rule), (a.Service, a.Team, a.Environment, a.Rule));
    }

    [Theory]
    [InlineData("monitoring", null, "platform", "shared", "team=namespace:monitor*; environment=namespace:monitor*")]
    [InlineData("monitoring", "sre", "sre", "shared", "team=label:team; environment=namespace:monitor*")]
    [InlineData("shop", null, null, "staging", "environment=cluster:staging-*")]
    public void Attribute_Namespace_TeamAndEnvironmentAfterLabels(string ns, string? teamLabel, string? team, string environment, string rule)
    {
        var options = new AttributionOptions
        {
            NamespaceTeams = [new() { Pattern = "monitor*", Team = "platform" }],
            NamespaceEnvironments = [new() { Pattern = "monitor*", Environment = "shared" }],
            ClusterEnvironments = [new() { Pattern = "staging-*", Environment = "staging" }],
        };
        var labels = teamLabel is null ? Labels.Empty : Labels.Of(("team", teamLabel));
        var a = new Attributor(options).Attribute(labels, Labels.Empty, Labels.Empty, null, "staging-eu", ns);
        Assert.Equal((team, environment, rule), (a.Team, a.Environment, a.Rule));
    }

    [Fact]
    public void Constructor_NamespaceTeamWithoutTeam_NamesTheConfigPath()
    {
        var options = new AttributionOptions { NamespaceTeams = [new() { Pattern = "x", Team = "" }] };
        var ex = Assert.Throws<ArgumentException>(() => new Attributor(options));
        Assert.Contains("Attribution:NamespaceTeams:0:Team: blank.", ex.Message);
    }

    [Fact]
    public void Attribute_NothingMatches_NamesTheMissingLabels()
    {
        var a = new Attributor(new AttributionOptions()).Attribute(Labels.Empty, Labels.Empty, Labels.Empty, "p", null, null);
        Assert.Equal("service: app.kubernetes.io/name|app|service; team: team|owner; environment: environment|env", a.Missing);
        Assert.Equal("", a.Rule);
    }

    [Fact]
    public void Attribute_GkeLabels_GiveClusterAndNamespace()
    {
        var a = new Attributor(Options).Attribute(L("goog-k8s-cluster-name=prod-eu,k8s-namespace=shop"), Labels.Empty, Labels.Empty, null, null, null);
        Assert.Equal(("prod-eu", "shop"), (a.Cluster, a.Namespace));
    }

    [Fact]
    public void Constructor_BadPattern_NamesTheConfigPath()
    {
        var options = new AttributionOptions { ProjectEnvironments = [new() { Pattern = "a(b", Environment = "x" }] };
        var ex = Assert.Throws<ArgumentException>(() => new Attributor(options));
        Assert.Contains("Attribution:ProjectEnvironments:0:Pattern", ex.Message);
    }

    // pod labels      namespace labels                    → service, team, environment, rule
    [Theory]
    [InlineData("app=cart", "team=shop,environment=staging", "cart", "shop", "staging", "service=label:app; team=namespace-label:team; environment=namespace-label:environment")]
    [InlineData("app=cart,team=web,env=prod", "team=shop,environment=staging", "cart", "web", "production", "service=label:app; team=label:team; environment=label:env")]
    [InlineData("app=checkout", "team=shop", "checkout", "payments", "development", "service=label:app; team=owner:checkout; environment=namespace:sh*")]
    [InlineData("", "app=billing,owner=fin", "billing", "fin", "development", "service=namespace-label:app; team=namespace-label:owner; environment=namespace:sh*")]
    public void Attribute_NamespaceLabels_AfterPodLabelsBeforeNamePatterns(string labels, string namespaceLabels,
        string? service, string? team, string? environment, string rule)
    {
        var options = new AttributionOptions
        {
            ServiceOwners = new() { ["checkout"] = "payments" },
            NamespaceTeams = [new() { Pattern = "sh*", Team = "by-name" }],
            NamespaceEnvironments = [new() { Pattern = "sh*", Environment = "development" }],
        };

        var a = new Attributor(options).Attribute(L(labels), Labels.Empty, Labels.Empty, null, "prod-eu", "shop", L(namespaceLabels));

        Assert.Equal((service, team, environment, rule), (a.Service, a.Team, a.Environment, a.Rule));
    }
}
