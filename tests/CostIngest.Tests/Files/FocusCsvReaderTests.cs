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

    [Fact]
    public async Task ReadAsync_ManyRecordsThenABrokenQuote_EveryRowInFileOrderThenTheBrokenOne()
    {
        // Records are read on the thread pool in batches; the order and the stop must be a one-by-one read's.
        var records = Enumerable.Range(1, 700).Select(i => i % 97 == 0 ? Record("x") : Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var rows = await ReadBytes(Utf8(string.Join("\n", [Header, .. records, "3,US\"D,a,b,c,d,e", Record("4")]) + "\n"));
        Assert.Equal(701, rows.Count);
        Assert.Equal(Enumerable.Range(2, 701).Select(n => (long)n), rows.Select(r => r.Line?.Source!.Line ?? r.Error!.Line));
        Assert.Equal(Enumerable.Range(1, 700).Where(i => i % 97 != 0).Select(i => (decimal)i), rows.Where(r => r.Line is not null).Select(r => r.Line!.Cost));
        Assert.StartsWith("malformed CSV", rows[^1].Error!.Message);
    }

    private const string Header = "BilledCost,BillingCurrency,BillingAccountId,ChargePeriodStart,ChargePeriodEnd,ServiceName,Tags";

    private static string Record(string cost, string service = "Compute", string tags = "") =>
        $"{cost},USD,a,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,{service},{tags}";

    private static async Task<List<FileRow>> ReadBytes(byte[] bytes)
    {
        using var dir = new TempDir();
        var path = dir.File("f.csv");
        await File.WriteAllBytesAsync(path, bytes);
        return await ReadAll(path, "f.csv");
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData("79228162514264337593543950335", "out of range")]
    [InlineData("123456789012345678901234.123456", "out of range")]
    [InlineData("-1000000000000000000", "out of range")]
    [InlineData("1.00000000000000000000000000001", "cannot be held exactly")]
    [InlineData("1e-40", "cannot be held exactly")]
    [InlineData("12,5", "")]
    public async Task ReadAsync_BilledCostOutOfRangeOrInexact_IsABadRow(string cost, string message)
    {
        var rows = await ReadBytes(Utf8(Header + "\n" + Record(cost.Contains(',') ? $"\"{cost}\"" : cost) + "\n" + Record("1") + "\n"));
        Assert.Equal((2L, "BilledCost", cost), (rows[0].Error!.Line, rows[0].Error!.Field, rows[0].Error!.Value));
        Assert.Contains(message, rows[0].Error!.Message);
        Assert.Equal(1m, rows[1].Line!.Cost);
    }

    [Theory]
    [InlineData("1.000000000000000000000000000", "1")]
    [InlineData("0.1234567890123456789012345678", "0.1234567890123456789012345678")]
    [InlineData("999999999999999999.99", "999999999999999999.99")]
    public async Task ReadAsync_BilledCostWithManyDigitsButExact_IsKept(string cost, string expected)
    {
        var rows = await ReadBytes(Utf8(Header + "\n" + Record(cost) + "\n"));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), rows[0].Line!.Cost);
    }

    [Fact]
    public async Task ReadAsync_LoneSurrogateInATagValue_IsABadRowNamingTheTag()
    {
        var rows = await ReadBytes(Utf8(Header + "\n" + Record("1", tags: "\"{\"\"team\"\":\"\"\\ud800\"\"}\"") + "\n" + Record("2") + "\n"));
        Assert.Equal((2L, "Tags.team"), (rows[0].Error!.Line, rows[0].Error!.Field));
        Assert.Contains("surrogate", rows[0].Error!.Message);
        Assert.Equal(2m, rows[1].Line!.Cost);
    }

    [Fact]
    public async Task ReadAsync_LoneSurrogateInATagKey_IsABadRow()
    {
        var rows = await ReadBytes(Utf8(Header + "\n" + Record("1", tags: "\"{\"\"\\udc00\"\":\"\"x\"\"}\"") + "\n"));
        Assert.Equal("Tags", rows[0].Error!.Field);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8InAServiceName_IsABadRowAndNoReplacementCharacter()
    {
        var bytes = Utf8(Header + "\n" + Record("1", service: "Comp#te") + "\n" + Record("2") + "\n");
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;
        var rows = await ReadBytes(bytes);
        Assert.Equal(2, rows.Count);
        Assert.Equal((2L, "(row)"), (rows[0].Error!.Line, rows[0].Error!.Field));
        Assert.Equal("not valid UTF-8 at byte 55 of the line", rows[0].Error!.Message);
        Assert.Equal("bytes FF 74 65 2C", rows[0].Error!.Value);
        Assert.Equal("Compute", rows[1].Line!.ServiceDescription);
    }

    [Fact]
    public async Task ReadAsync_Utf8ByteOrderMarkAndCrLf_AreRead()
    {
        var rows = await ReadBytes([0xEF, 0xBB, 0xBF, .. Utf8(Header + "\r\n" + Record("1") + "\r\n" + Record("2"))]);
        Assert.Equal([1m, 2m], rows.Select(r => r.Line!.Cost));
        Assert.Equal([2L, 3L], rows.Select(r => r.Line!.Source!.Line));
    }

    [Fact]
    public async Task ReadAsync_Utf16File_IsABadFile()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(System.Text.Encoding.Unicode.GetBytes(Header + "\n" + Record("1") + "\n")).ToArray();
        var ex = await Assert.ThrowsAsync<BadFileException>(() => ReadBytes(bytes));
        Assert.Contains("UTF-16", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_QuoteNeverClosed_StopsInsteadOfReadingTheRestIntoOneField()
    {
        var body = string.Concat(Enumerable.Repeat(Record("1") + "\n", 90_000));
        var rows = await ReadBytes(Utf8(Header + "\n" + "1,USD,a,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,\"open,\n" + body));
        var error = Assert.Single(rows).Error!;
        Assert.Equal(2L, error.Line);
        Assert.Contains("never closed", error.Message);
    }
}
