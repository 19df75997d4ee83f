using System.CommandLine;
using Costs.CostModel.Time;

namespace Costs.Cli.Verbs;

/// <summary>`costs analyze`: allocate the stored bill to services, teams and environments.</summary>
internal static class AnalyzeVerb
{
    public static Command Create(CliEnvironment env)
    {
        var from = DayOption.Create("--from", "First usage day (yyyy-MM-dd). Default: the first in the store.");
        var to = DayOption.Create("--to", "Last usage day (yyyy-MM-dd), inclusive. Default: the last in the store.");
        var command = new Command("analyze", "Allocate every stored day of the bill, check that it adds up exactly, and save the result.") { from, to };
        command.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async context =>
        {
            var analyze = await context.App.AnalyzeAsync(ct);
            var summary = await analyze.RunAsync(DateRange.Between(parse.GetValue(from), parse.GetValue(to)), ct);
            await context.Out.WriteLineAsync(summary.Describe());
            return ExitCodes.OfPublish(summary);
        }));
        return command;
    }
}
