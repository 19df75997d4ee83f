using Costs.CostIngest.Files;

namespace Costs.CostIngest.Tests.Files;

public class FocusCsvReaderTests
{
    private static async Task<List<FileRow>> ReadAll(string path, string name)
    {
        var rows = new List<FileRow>();
        await foreach (var r in FocusCsvReader.ReadAsync(path, name, CancellationToken.None)) rows.Add(r);
        return rows;
    }

    [Fact]
    public async Task ReadAsync_OfficialFocusSample_LoadsEveryRowWithExactTotal()
    {
        var rows = await ReadAll(Fixtures.Path("focus_sample.csv"), "focus_sample.csv");
        Assert.Equal(1000, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Equal(20.52022672899m, rows.Sum(r => r.Line!.Cost));
        var tagged = rows.First(r => r.Line!.Labels.Count > 0).Line!;
        Assert.True(tagged.Labels.ContainsKey("environment"));
        Assert.Contains(rows, r => r.Line!.CostType == "Credit");
        Assert.Equal("AWS", rows[0].Line!.SystemLabels["focus/ProviderName"]);
        Assert.Equal(2L, rows[0].Line!.Source!.Line);
    }

    [Theory]
    [InlineData("gcp_resource_cud_no_upfront_100pct.csv", 28, "19798.50")]
    [InlineData("gcp_flex_cud_no_upfront_100pct.csv", 28, "42431.46")]
    public async Task ReadAsync_GoogleCommitmentScenarios_Load(string file, int count, string total)
    {
        var rows = await ReadAll(Fixtures.Path(file), file);
        Assert.Equal(count, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Equal(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), rows.Sum(r => r.Line!.Cost));
        // The purchase row is the spec's 19,790.40 = 29.45 × 672 h for the resource-based scenario.
        if (file.StartsWith("gcp_resource", StringComparison.Ordinal))
            Assert.Contains(rows, r => r.Line!.CostType == "Purchase" && r.Line.Cost == 19790.40m);
    }

    [Fact]
    public async Task ReadAsync_QuotedFieldAcrossLines_KeepsRecordLineNumbers()
    {
        using var dir = new TempDir();
        var path = dir.File("f.csv");
        await File.WriteAllTextAsync(path,
            "BilledCost,BillingCurrency,BillingAccountId,ChargePeriodStart,ChargePeriodEnd,ChargeDescription\n" +
            "1.25,USD,acct,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,\"two\nlines, \"\"quoted\"\"\"\n" +
            "x,USD,acct,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,plain\n");
        var rows = await ReadAll(path, "f.csv");
        Assert.Equal("two\nlines, \"quoted\"", rows[0].Line!.SkuDescription);
        Assert.Equal(2L, rows[0].Line!.Source!.Line);
        Assert.Equal((4L, "BilledCost", "x"), (rows[1].Error!.Line, rows[1].Error!.Field, rows[1].Error!.Value));
    }

    [Fact]
    public async Task ReadAsync_NotFocus_SaysWhichColumnsAreMissing()
    {
        using var dir = new TempDir();
        var path = dir.File("f.csv");
        await File.WriteAllTextAsync(path, "a,b\n1,2\n");
        var ex = await Assert.ThrowsAsync<FormatException>(() => ReadAll(path, "f.csv"));
        Assert.Contains("BilledCost", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_BrokenQuote_StopsWithTheLine()
    {
        using var dir = new TempDir();
        var path = dir.File("f.csv");
        await File.WriteAllTextAsync(path,
            "BilledCost,BillingCurrency,BillingAccountId,ChargePeriodStart,ChargePeriodEnd\n" +
            "1,USD,a,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z\n" +
            "2,US\"D,a,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z\n");
        var rows = await ReadAll(path, "f.csv");
        Assert.Equal(2, rows.Count);
        Assert.Equal(3L, rows[1].Error!.Line);
    }
}
