using System.CommandLine;
using Costs.Pipeline;

namespace Costs.Cli.Verbs;

/// <summary>`costs report`: the Excel workbook of the analyzed bill.</summary>
internal static class ReportVerb
{
    public static Command Create(CliEnvironment env)
    {
        var output = new Option<string?>("--out") { Description = "Folder for the workbook. Default: Report:OutputDirectory, else ./costs-out." };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "The day month-to-date figures run through. Default: the last billed day." };
        var currency = new Option<string?>("--currency") { Description = "The billing currency to report, when the store holds more than one." };
        var command = new Command("report", "Write the Excel workbook: summary, services, environments, teams, daily chart, unallocated, reconciliation, data.")
        {
            output, asOf, currency,
        };
        command.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async context =>
        {
            var dir = env.FullPath(parse.GetValue(output) ?? context.Configuration["Report:OutputDirectory"] ?? "costs-out");
            var title = context.Configuration["Report:Title"] ?? "Costs report";
            var input = await ReportPipeline.LoadAsync(context, parse.GetValue(asOf), parse.GetValue(currency), title, ct);
            var outcome = await ReportPipeline.WriteAsync(input, dir, ct);
            await context.Out.WriteLineAsync($"Wrote {outcome.WorkbookPath} ({outcome.Workbook.DataRows:N0} data rows; reconciliation difference {outcome.Workbook.ReconciliationDifference:0.00}).");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
