using Costs.CostIngest.Files;
using Costs.CostModel.Billing;

namespace Costs.CostIngest.Tests.Files;

public class BigQueryJsonReaderTests
{
    private static async Task<List<FileRow>> ReadAll(string name)
    {
        var rows = new List<FileRow>();
        await foreach (var r in BigQueryJsonReader.ReadAsync(Fixtures.Path(name), name, CancellationToken.None)) rows.Add(r);
        return rows;
    }

    [Fact]
    public async Task ReadAsync_AllFieldsRow_ReadsNestedRepeatedAndEscapedValues()
    {
        var rows = await ReadAll("all_fields.jsonl");
        var line = Assert.Single(rows).Line!;
        Assert.Equal("01A2B3-C4D5E6-F7A8B9", line.BillingAccountId);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 5, 0, 0, TimeSpan.Zero), line.UsageStart);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 9, 12, 45, TimeSpan.Zero).AddTicks(1234560), line.ExportTime);
        Assert.Equal("Acme Shop <prod>", line.ProjectName);
        Assert.Equal("payments & risk", line.Labels["team"]);
        Assert.Equal("prod", line.ProjectLabels["env"]);
        Assert.Equal("n2-standard-8", line.SystemLabels["compute.googleapis.com/machine_spec"]);
        Assert.Equal("gke-prod-eu-default-pool-5f1c2a7e-0q4d", line.ResourceName);
        Assert.Equal("europe-west1", line.Region);
        Assert.Equal("europe-west1-b", line.Zone);
        Assert.Equal(0.278184m, line.Cost);
        Assert.Equal(0.278184m, line.CostAtList);
        Assert.Equal(28800m, line.UsageAmount);
        Assert.Equal("202610", line.InvoiceMonth.ToString());
        Assert.Equal("9F94-7A3C-91F5", line.ConsumptionModel);
        Assert.Equal(4, line.Credits.Count);
        Assert.Equal(CreditType.CommittedUsageDiscount, line.Credits[0].Type);
        Assert.Equal(-0.027818m, line.Credits[1].Amount); // written as -2.7818e-02: exact, not through double
        Assert.Equal(CreditType.CommittedUsageDiscountDollarBase, line.Credits[2].Type);
        Assert.False(line.Credits[3].Type.IsKnown);
        Assert.Equal("BRAND_NEW_CREDIT", line.Credits[3].Type.Name);
        Assert.Equal(0.278184m - 0.139092m - 0.027818m - 0.01m - 0.001m, line.Net);
    }

    [Fact]
    public async Task ReadAsync_KokuStandardExport_SumsExactly()
    {
        var rows = await ReadAll("koku_standard_export.jsonl");
        Assert.Equal(25, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Equal(0.000032m, rows.Sum(r => r.Line!.Cost));
        Assert.Equal(-0.000032m, rows.Sum(r => r.Line!.CreditTotal));
        Assert.All(rows.SelectMany(r => r.Line!.Credits), c => Assert.Equal(CreditType.Promotion, c.Type));
    }

    [Fact]
    public async Task ReadAsync_KokuDetailedExport_KeepsResourceNames()
    {
        var rows = await ReadAll("koku_detailed_export.jsonl");
        Assert.Equal(9, rows.Count);
        Assert.Equal(0.000012m, rows.Sum(r => r.Line!.Cost));
        Assert.All(rows, r => Assert.Equal("instance-1", r.Line!.ResourceName));
        Assert.Equal(1.385e-05m, rows[0].Line!.UsageAmountInPricingUnits);
    }

    [Fact]
    public async Task ReadAsync_BadRows_NameFileLineFieldAndValue()
    {
        var rows = await ReadAll("bad_rows.jsonl");
        Assert.Equal(5, rows.Count);
        Assert.NotNull(rows[0].Line);
        var errors = rows.Skip(1).Select(r => r.Error!).ToList();
        Assert.Equal([2L, 3L, 4L, 5L], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Equal("bad_rows.jsonl", e.File));
        Assert.Contains("not valid JSON", errors[0].Message);
        Assert.Equal(("cost", "abc"), (errors[1].Field, errors[1].Value));
        Assert.Equal("currency", errors[2].Field);
        Assert.Contains("missing currency", errors[2].Message);
        Assert.Equal(("usage_start_time", "2026-02-30 00:00:00 UTC"), (errors[3].Field, errors[3].Value));
        Assert.StartsWith("bad_rows.jsonl:3: cost:", errors[1].ToString());
    }

    [Theory]
    [InlineData("2026-10-01 00:00:00 UTC")]
    [InlineData("2026-10-01 00:00:00.000000 UTC")]
    [InlineData("2026-10-01T00:00:00Z")]
    [InlineData("2026-10-01T02:00:00+02:00")]
    [InlineData("2026-10-01 00:00:00+00:00")]
    public void ReadLine_TimestampSpellings_AllMeanTheSameInstant(string spelling)
    {
        var text = $$"""{"billing_account_id":"A","usage_start_time":"{{spelling}}","usage_end_time":"2026-10-01 01:00:00 UTC","cost":1,"currency":"EUR"}""";
        var row = BigQueryJsonReader.ReadLine(text, "f", 1);
        Assert.Null(row.Error);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), row.Line!.UsageStart);
        Assert.Equal("202610", row.Line.InvoiceMonth.ToString()); // derived from usage when the export has none
    }

    [Theory]
    [InlineData("0.1", "0.1")]
    [InlineData("1e-7", "0.0000001")]
    [InlineData("\"12345678901234.123456789\"", "12345678901234.123456789")]
    // Past 9 decimal places the text is a double's binary noise: held as BigQuery NUMERIC holds it
    // (CAST(FLOAT64 AS NUMERIC): scale 9, half away from zero), as a BigQuery pull of the same row is.
    [InlineData("2.3198314011096954e-05", "0.000023198")]
    [InlineData("0.30000000000000004", "0.3")]
    [InlineData("-2.5e-10", "-0.000000000")]
    [InlineData("-5e-10", "-0.000000001")]
    public void ReadLine_CostText_IsReadExactly(string json, string expected)
    {
        var text = $$"""{"billing_account_id":"A","usage_start_time":"2026-10-01 00:00:00 UTC","usage_end_time":"2026-10-01 01:00:00 UTC","cost":{{json}},"currency":"USD"}""";
        var row = BigQueryJsonReader.ReadLine(text, "f", 1);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), row.Line!.Cost);
    }

    private static string RowWith(string costJson, string labelValue = "\"v\"") =>
        $$"""{"billing_account_id":"A","usage_start_time":"2026-10-01 00:00:00 UTC","usage_end_time":"2026-10-01 01:00:00 UTC","cost":{{costJson}},"currency":"USD","labels":[{"key":"team","value":{{labelValue}}}]}""";

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("\"123456789012345678901234.123456\"")]
    [InlineData("1000000000000000000")]
    [InlineData("-1e18")]
    [InlineData("1e30")]
    [InlineData("\"79228162514264337593543950336\"")]
    public void ReadLine_CostOutOfRange_IsABadRowNamingFieldAndValue(string json)
    {
        var row = BigQueryJsonReader.ReadLine(RowWith(json), "big.jsonl", 7);
        Assert.Null(row.Line);
        Assert.Equal("cost", row.Error!.Field);
        Assert.Equal(json.Trim('"'), row.Error.Value);
        Assert.StartsWith("big.jsonl:7: cost: out of range", row.Error.ToString());
    }

    [Theory]
    [InlineData("999999999999999999.999999999", "999999999999999999.999999999")]
    [InlineData("-999999999999999999", "-999999999999999999")]
    public void ReadLine_CostJustInsideTheBound_IsKept(string json, string expected)
    {
        var row = BigQueryJsonReader.ReadLine(RowWith(json), "f", 1);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), row.Line!.Cost);
    }

    [Fact]
    public void ReadLine_CreditOutOfRange_NamesTheCredit()
    {
        var text = RowWith("1").Replace("\"currency\":\"USD\"", "\"currency\":\"USD\",\"credits\":[{\"type\":\"PROMOTION\",\"amount\":-79228162514264337593543950335}]", StringComparison.Ordinal);
        var row = BigQueryJsonReader.ReadLine(text, "f", 1);
        Assert.Equal("credits[0].amount", row.Error!.Field);
    }

    [Theory]
    [InlineData("\"type\":\"\",\"name\":\"   \"")]
    [InlineData("\"type\":\" \"")]
    [InlineData("\"name\":\"\"")]
    public void ReadLine_CreditWithBlankTypeAndName_IsABadRowNamingTheCredit(string fields)
    {
        var text = RowWith("1").Replace("\"currency\":\"USD\"", "\"currency\":\"USD\",\"credits\":[{" + fields + ",\"amount\":-1}]", StringComparison.Ordinal);
        var row = BigQueryJsonReader.ReadLine(text, "f", 3);
        Assert.Null(row.Line);
        Assert.Equal("credits[0].type", row.Error!.Field);
        Assert.StartsWith("f:3: credits[0].type: a credit has neither type nor name", row.Error.ToString());
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"ok \\udc00 then\"")]
    [InlineData("\"\\ud800\\ud800\"")]
    public void ReadLine_LoneSurrogateInALabel_IsABadRowNamingTheLabel(string value)
    {
        var row = BigQueryJsonReader.ReadLine(RowWith("1", value), "f", 3);
        Assert.Null(row.Line);
        Assert.Equal("labels[0].value", row.Error!.Field);
        Assert.Contains("surrogate", row.Error.Message);
        Assert.Equal(value, row.Error.Value);
    }

    [Fact]
    public void ReadLine_SurrogatePairEscaped_IsText()
    {
        var row = BigQueryJsonReader.ReadLine(RowWith("1", "\"\\ud83d\\ude00\""), "f", 3);
        Assert.Equal("\U0001F600", row.Line!.Labels["team"]);
    }

    [Fact]
    public void ReadLine_LoneSurrogateInAPropertyName_IsABadRow()
    {
        var row = BigQueryJsonReader.ReadLine(RowWith("1").Replace("\"cost\"", "\"\\udfff\":1,\"cost\"", StringComparison.Ordinal), "f", 3);
        Assert.NotNull(row.Error);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8InAServiceName_IsABadRowNamingTheByte()
    {
        using var dir = new TempDir();
        var path = dir.File("bad.jsonl");
        var good = System.Text.Encoding.UTF8.GetBytes(RowWith("1") + "\n");
        var bad = System.Text.Encoding.UTF8.GetBytes(RowWith("2").Replace("\"v\"", "\"caf#\"", StringComparison.Ordinal) + "\n");
        bad[Array.IndexOf(bad, (byte)'#')] = 0xE9; // Latin-1 "é": not UTF-8
        await File.WriteAllBytesAsync(path, [.. good, .. bad, .. good]);
        var rows = new List<FileRow>();
        await foreach (var r in BigQueryJsonReader.ReadAsync(path, "bad.jsonl", CancellationToken.None)) rows.Add(r);
        Assert.Equal(3, rows.Count);
        var error = rows[1].Error!;
        Assert.Equal(2L, error.Line);
        var at = Array.IndexOf(bad, (byte)0xE9) + 1;
        Assert.Equal($"not valid UTF-8 at byte {at} of the line", error.Message);
        Assert.StartsWith("bytes E9", error.Value);
        Assert.DoesNotContain(rows, r => r.Line?.Labels["team"].Contains('\uFFFD') == true);
    }
}
