using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostAnalyzer.Allocation;

/// <summary>
/// Applies the shared-cost policy to allocation rows. Pure. A source is an allocated row of a shared namespace,
/// or one whose pod labels a label policy selected (<see cref="AllocationRow.SharedBy"/>); the first policy in
/// configuration order that takes a row wins. A shared row's cost and credits are each split
/// among its receivers with <see cref="Split.ByWeight"/> (largest remainder), so every day, currency and
/// invoice month keeps its total exactly. A receiver is a service (with its team and environment) of the
/// same day, currency and invoice month, and of the same cluster when the scope is a cluster, that is not
/// itself shared; its weight is its gross cost that day (weighted) or 1 (even). A shared cent becomes
/// allocated to the receiver, its other dimensions (project, SKU, cluster, namespace) those of the source,
/// and its rule "shared from …". With no receiver the row stays where it was. Idle and overhead are charged
/// to a named team when <see cref="AllocationOptions.IdleTeam"/> / <see cref="AllocationOptions.OverheadTeam"/> say so.
/// </summary>
public static class SharedCosts
{
    private readonly record struct Group(DateOnly Day, Currency Currency, InvoiceMonth Month);

    /// <summary>Who receives a share: a service with its team and environment.</summary>
    internal readonly record struct Receiver(string? Service, string? Team, string? Environment);

    /// <summary>The policy whose source <paramref name="row"/> is (a shared namespace's or a labelled pod's allocated cost), or null.</summary>
    internal static SharedCostOptions? SourcePolicy(AllocationRow row, AllocationOptions options) =>
        row.Kind != CostKind.Allocated ? null : options.Shared.FirstOrDefault(p => p.Matches(row.Dimensions.Namespace)
            || (p.Source == SharedSource.Labels && row.SharedBy is not null && p.DisplayName == row.SharedBy));

    /// <summary>True for a row whose service may receive shared costs: allocated, not a source, not itself shared.</summary>
    internal static bool IsReceiver(AllocationRow row, AllocationOptions options) =>
        row.Kind == CostKind.Allocated && !row.Shared && SourcePolicy(row, options) is null;

    public static IReadOnlyList<AllocationRow> Apply(IReadOnlyList<AllocationRow> rows, AllocationOptions options)
    {
        var charged = rows.Select(r => ToTeam(r, options)).ToList();
        if (options.Shared.Count == 0) return charged;
        var output = new List<AllocationRow>(charged.Count);
        foreach (var day in charged.GroupBy(r => new Group(r.Day, r.Currency, r.InvoiceMonth)))
        {
            var receivers = day.Where(r => IsReceiver(r, options)).ToList();
            var weightsOf = new Dictionary<(SharedCostOptions, string?), List<(Receiver, decimal)>>();
            foreach (var row in day)
            {
                var policy = SourcePolicy(row, options);
                if (policy is null)
                {
                    output.Add(row);
                    continue;
                }
                var cluster = policy.Scope == SharedScope.Organisation ? null : row.Dimensions.Cluster;
                if (!weightsOf.TryGetValue((policy, cluster), out var weights))
                    weightsOf[(policy, cluster)] = weights = Weights(
                        receivers.Where(r => policy.Scope == SharedScope.Organisation || r.Dimensions.Cluster == cluster), policy.By);
                if (weights.Count == 0) output.Add(row);
                else output.AddRange(Share(row, policy, weights));
            }
        }
        return Merge(output);
    }

    /// <summary>Adds up rows that ended with the same day, kind, dimensions and rule (two sources shared to one service).</summary>
    private static List<AllocationRow> Merge(List<AllocationRow> rows) =>
        rows.GroupBy(r => (r.Day, r.Currency, r.InvoiceMonth, r.Kind, r.Dimensions, r.Rule, r.Missing))
            .Select(g => g.Skip(1).Any() ? g.First() with { Cost = g.Sum(r => r.Cost), Credits = g.Sum(r => r.Credits) } : g.First())
            .ToList();

    /// <summary>Receivers in ordinal order, with their weights.</summary>
    internal static List<(Receiver Receiver, decimal Weight)> Weights(IEnumerable<AllocationRow> receivers, SharedSplit by) =>
        receivers.GroupBy(r => new Receiver(r.Dimensions.Service, r.Dimensions.Team, r.Dimensions.Environment))
            .Select(g => (g.Key, Weight: by == SharedSplit.Even ? 1m : g.Sum(r => Math.Max(0m, r.Cost))))
            .OrderBy(x => x.Key.Service, StringComparer.Ordinal).ThenBy(x => x.Key.Team, StringComparer.Ordinal)
            .ThenBy(x => x.Key.Environment, StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<AllocationRow> Share(AllocationRow source, SharedCostOptions policy, List<(Receiver Receiver, decimal Weight)> weights)
    {
        var w = weights.Select(x => x.Weight).ToArray();
        var cash = Split.ByWeight(source.Cost, w);
        var credit = Split.ByWeight(source.Credits, w);
        var by = policy.By == SharedSplit.Even ? "even" : "weighted";
        var scope = ScopeText(policy, source.Dimensions.Cluster);
        for (var i = 0; i < weights.Count; i++)
        {
            if (cash[i] == 0m && credit[i] == 0m) continue;
            var r = weights[i].Receiver;
            yield return source with
            {
                Dimensions = source.Dimensions with { Service = r.Service, Team = r.Team, Environment = r.Environment },
                Rule = $"{AllocationRow.SharedRulePrefix}{policy.DisplayName} by {by}, {scope}",
                Missing = "",
                SharedBy = null,
                Cost = cash[i],
                Credits = credit[i],
            };
        }
    }

    /// <summary>How a rule names the receivers' scope: "organisation" or "cluster prod".</summary>
    internal static string ScopeText(SharedCostOptions policy, string? cluster) =>
        policy.Scope == SharedScope.Organisation ? "organisation" : "cluster " + (cluster ?? "(none)");

    private static AllocationRow ToTeam(AllocationRow row, AllocationOptions options)
    {
        var team = row.Kind switch
        {
            CostKind.Idle => options.IdleTeam,
            CostKind.Overhead => options.OverheadTeam,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(team)) return row;
        var what = row.Kind == CostKind.Idle ? "idle" : "overhead";
        return row with
        {
            Kind = CostKind.Allocated,
            Dimensions = row.Dimensions with { Service = null, Team = team },
            Rule = $"{AllocationRow.SharedRulePrefix}{what} to team {team}",
        };
    }
}
