using System.CommandLine;
using Costs.CostApplication.Reports;
using Costs.CostReports.Delivery;

namespace Costs.Cli.Verbs;

/// <summary>
/// `costs report [--email [--team NAME] [--slot KEY]]`: the Excel workbook of the analyzed bill, and with
/// --email the HTML e-mail with it attached: the full report to Email:Platform, or one team's slice to
/// Email:Teams:NAME. Each (team, slot) is mailed once (delivery ledger); the default slot is the
/// report's day, so re-running the same day sends nothing new. SMTP failing after retries exits
/// <see cref="ExitCodes.External"/> and leaves the workbook in the output folder.
/// </summary>
internal static class ReportVerb
{
    public static Command Create(CliEnvironment env)
    {
        var output = new Option<string?>("--out") { Description = "Folder for the workbook. Default: Report:OutputDirectory, else ./costs-out." };
        var asOf = DayOption.Create("--as-of", "The day month-to-date figures run through (yyyy-MM-dd). Default: the last billed day.");
        var currency = new Option<string?>("--currency") { Description = "The billing currency to report, when the store holds more than one." };
        var email = new Option<bool>("--email") { Description = "E-mail the workbook (config section Email) with the key figures, top movers and open alerts." };
        var team = new Option<string?>("--team") { Description = "Only this team's slice (its rows; the e-mail goes to Email:Teams:NAME). Default: the full report." };
        var slot = new Option<string?>("--slot") { Description = "The schedule slot this e-mail stands for; each slot is sent once. Default: the report's day (yyyy-MM-dd)." };
        var command = new Command("report", "Write the Excel workbook: summary, services, environments, teams, clusters, workloads, daily chart, unallocated, reconciliation, data; optionally e-mail it.")
        {
            output, asOf, currency, email, team, slot,
        };
        command.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async context =>
        {
            var dir = env.FullPath(parse.GetValue(output) ?? (context.Settings.Report.OutputDirectory is { Length: > 0 } configured ? configured : "costs-out"));
            var sendMail = parse.GetValue(email);
            var teamName = parse.GetValue(team);
            if (teamName is { Length: 0 }) throw new CliException(ExitCodes.Usage, "--team: give a team name.");
            var slotText = parse.GetValue(slot);
            if (slotText is not null && !sendMail) throw new CliException(ExitCodes.Usage, "--slot only applies with --email.");
            var report = await context.App.ReportAsync(sendMail, ct);
            var done = await report.RunAsync(new ReportRequest(teamName, sendMail, slotText, parse.GetValue(asOf), parse.GetValue(currency), dir), ct);
            var o = done.Outcome;
            await context.Out.WriteLineAsync($"Wrote {o.WorkbookPath} ({done.Scope}; {o.Workbook.DataRows:N0} data rows; reconciliation difference {o.Workbook.ReconciliationDifference:0.00}).");
            if (done.Mail is { } mail)
                await context.Out.WriteLineAsync($"E-mail {mail.Key}: {mail.State.ToText()} ({mail.Detail}).");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
