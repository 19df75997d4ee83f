using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Costs.CostAnalyzer.Commitments;
using Costs.CostAnalyzer.Recommendations;
using Costs.CostModel.Money;
using Spectre.Console;

namespace Costs.Cli.Verbs;

/// <summary>
/// `costs recommend [--as-of DATE] [--lookback-days N] [--format table|json]`: committed-use purchases
/// (resource-based and flexible, each term, with the savings curve), spot moves, rightsizing and idle
/// capacity, each with its monthly savings and its reason. The JSON is a contract (docs/commitments.md).
/// </summary>
internal static class RecommendVerb
{
    public static Command Create(CliEnvironment env)
    {
        var asOf = DayOption.Create("--as-of", "The last day of the lookback (yyyy-MM-dd). Default: the last analyzed day.");
        var lookback = new Option<int?>("--lookback-days") { Description = "Days of history to size commitments on. Default: Recommendations:Commitments:Lookback (180)." };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("recommend",
            "Recommend committed-use purchases (sized exactly, with the savings curve), spot node pools, rightsizing and idle clean-up.")
        {
            asOf, lookback, format,
        };
        command.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async context =>
        {
            var set = await (await context.App.RecommendAsync(ct)).RunAsync(parse.GetValue(asOf), parse.GetValue(lookback), ct);
            if (parse.GetValue(format) == "json") await context.Out.WriteLineAsync(Json(set));
            else Table(env, set);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static readonly JsonSerializerOptions SnakeCase = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new CurrencyCode(), new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON contract: as_of, history_days, lookback_days, commitments, spot, rightsizing, idle (and notes).</summary>
    internal static string Json(RecommendationSet set) => JsonSerializer.Serialize(new
    {
        as_of = set.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        history_days = set.HistoryDays,
        lookback_days = set.LookbackDays,
        commitments = set.Commitments,
        spot = set.Spot,
        rightsizing = set.Rightsizing,
        idle = set.Idle,
        notes = set.Notes,
    }, SnakeCase);

    private static void Table(CliEnvironment env, RecommendationSet set)
    {
        var console = Terminal.Console(env);
        var commitments = new Table().Border(TableBorder.Rounded)
            .Title($"Commitments as of {set.AsOf:yyyy-MM-dd} ({set.HistoryDays} days of history, sized on {set.LookbackDays})");
        foreach (var c in new[] { "pool", "term", "advice", "level alone", "plan", "held", "buy", "savings/month", "utilisation", "break-even" })
            commitments.AddColumn(c);
        foreach (var r in set.Commitments)
        {
            commitments.AddRow(Markup.Escape(Pool(r)), Term(r.Term), r.Advice.ToString().ToLowerInvariant(), Level(r.LevelAlone, r), Level(r.PlanLevel, r),
                Level(r.Existing, r), Level(r.Buy, r), Terminal.Amount(r.MonthlySavings), Share(r.Utilisation), Share(r.BreakEvenUtilisation));
        }
        if (set.Commitments.Count == 0) commitments.AddRow("(no eligible usage)", "", "", "", "", "", "", "", "", "");
        console.Write(commitments);
        foreach (var r in set.Commitments.Where(r => r.Advice != CommitmentAdvice.None))
            console.WriteLine($"{Pool(r)}, {Term(r.Term)}: {r.Reason}");

        var others = new Table().Border(TableBorder.Rounded).Title("Spot, rightsizing and idle");
        foreach (var c in new[] { "kind", "what", "savings/month", "why" }) others.AddColumn(c);
        foreach (var s in set.Spot) others.AddRow("spot", Markup.Escape($"{s.Cluster}/{s.NodePool}"), Terminal.Amount(s.MonthlySavings), Markup.Escape(s.Reason));
        foreach (var s in set.Rightsizing)
            others.AddRow("rightsizing", Markup.Escape($"{s.Cluster}/{s.Namespace}/{s.Workload}"), Terminal.Amount(s.MonthlySavings), Markup.Escape(s.Reason));
        foreach (var s in set.Idle)
            others.AddRow("idle", Markup.Escape(s.NodePool is { } pool ? $"{s.Cluster}/{pool}" : s.Cluster), Terminal.Amount(s.MonthlyIdle), Markup.Escape(s.Reason));
        if (set.Spot.Count + set.Rightsizing.Count + set.Idle.Count == 0) others.AddRow("", "(none)", "", "");
        console.Write(others);
        foreach (var note in set.Notes) console.WriteLine($"note: {note}");
    }

    private static string Pool(CommitmentRecommendation r) => r.Type == CommitmentType.Flexible
        ? $"flexible, {r.Region}"
        : $"{r.Family} {(r.Resource == CommitmentResource.Vcpu ? "vCPU" : "memory")}, {r.Region}";

    private static string Term(CommitmentTerm t) => t == CommitmentTerm.OneYear ? "1 year" : "3 years";

    private static string Level(decimal level, CommitmentRecommendation r) => $"{level.ToString("0.##", CultureInfo.InvariantCulture)} {r.Unit}";

    private static string Share(decimal share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    /// <summary>A currency as its ISO code in JSON.</summary>
    private sealed class CurrencyCode : JsonConverter<Currency>
    {
        public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? throw new JsonException("A currency code is a string."));

        public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
    }
}
