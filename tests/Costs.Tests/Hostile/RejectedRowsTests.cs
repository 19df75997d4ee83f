using Costs.Cli;
using Costs.Tests.Cli.Verbs;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Costs.Tests.Hostile;

/// <summary>
/// Rejected rows stay in view (issue 11, item 13): after a load that kept a row aside, the workbook's
/// Reconciliation sheet and the alerts of every chat format name it and its readable amount. The query
/// forms are in the hostile corpus (tests/hostile/manifest.json).
/// </summary>
public sealed class RejectedRowsTests
{
    private static readonly string Cases = Path.Combine(RepoRoot.Path, "tests", "hostile", "cases");

    [Fact]
    public async Task Report_LoadWithARejectedRow_ReconciliationSheetCountsItBesideAZeroDifference()
    {
        using var run = new CliRun();
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("ingest", "file", Path.Combine(Cases, "surrogate-label.jsonl"), "--max-bad-rows", "5"));
        var outDir = Path.Combine(run.Directory, "out");

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("report", "--out", outDir));

        using var doc = SpreadsheetDocument.Open(Directory.GetFiles(outDir, "*.xlsx").Single(), false);
        var rows = SheetRows(doc, "Reconciliation");
        Assert.Equal(["Invoice month", "Billed cost", "Billed credits", "Billed net", "Allocated", "Unallocated", "Idle", "Overhead",
            "Difference", "Usage days", "Rejected rows", "Rejected amount (USD, readable)"], rows[0]);
        // 202610: two lines loaded (3.75 − 0.50), the third (4.00 on 2026-10-02) rejected for its label.
        Assert.Equal(["202610", "3.75", "-0.5", "3.25", "0", "3.25", "0", "0", "0.00", "2026-10-01 to 2026-10-02", "1", "4.00"], rows[1]);
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("google-chat")]
    [InlineData("teams")]
    [InlineData("webhook")]
    public async Task Alert_LoadWithARejectedRow_EveryChannelKindCarriesTheRejectedRowsAlert(string kind)
    {
        using var run = new CliRun();
        run.WriteConfig($$"""
            { "Alerts": { "Routes": [ { "Channel": "ops" } ], "Channels": [ { "Name": "ops", "Kind": "{{kind}}", "UrlSecret": "OPS_URL" } ] } }
            """);
        run.Variables["OPS_URL"] = "https://hooks.example.com/secret";
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("ingest", "file", Path.Combine(Cases, "surrogate-label.jsonl"), "--max-bad-rows", "5"));

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("alert", "--dry-run"));

        var output = run.Out.ToString();
        Assert.Contains("rejected-rows:2026-10:1", output);
        Assert.Contains("1 billing row rejected, invoice month 202610", output);
        Assert.Contains("1 rejected row, $4.00 readable", output);
        Assert.Contains("surrogate-label.jsonl:3: labels", output);
    }

    private static List<List<string>> SheetRows(SpreadsheetDocument doc, string name)
    {
        var workbook = doc.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
            : c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
            : c.CellValue?.Text ?? "").ToList()).ToList();
    }
}
