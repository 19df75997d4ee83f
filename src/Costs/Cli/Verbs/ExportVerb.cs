using System.CommandLine;
using Costs.CostModel.Time;

namespace Costs.Cli.Verbs;

/// <summary>`costs export`: the analyzed allocation in standard formats for other tools. Each format is a sub-verb.</summary>
internal static class ExportVerb
{
    public static Command Create(CliEnvironment env)
    {
        var export = new Command("export", "Write the analyzed allocation in a standard format that other tools read.");
        export.Subcommands.Add(Focus(env));
        return export;
    }

    /// <summary>`costs export focus --out FILE.csv[.gz]`.</summary>
    private static Command Focus(CliEnvironment env)
    {
        var from = DayOption.Create("--from", "First usage day (yyyy-MM-dd). Default: the first in the store.");
        var to = DayOption.Create("--to", "Last usage day (yyyy-MM-dd), inclusive. Default: the last in the store.");
        var output = new Option<string>("--out")
        {
            Description = "The CSV file to write (replaced if there); a name ending in .gz is gzipped.",
            Required = true,
        };
        var command = new Command("focus",
            "Write the allocation as FOCUS 1.2 CSV (with the FOCUS 1.3 split-allocation columns): one row per day and " +
            "allocation row, BilledCost = net, service, team and environment in Tags. It adds up exactly to the bill, " +
            "and `costs ingest file` reads it back into the same totals.")
        {
            from, to, output,
        };
        command.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async context =>
        {
            var export = await context.App.ExportFocusAsync(ct);
            var result = await export.RunAsync(DateRange.Between(parse.GetValue(from), parse.GetValue(to)),
                env.FullPath(parse.GetValue(output)!), ct);
            await context.Out.WriteLineAsync(OutputText.Terminal(result.Describe()));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
