using System.Text.Json;
using Costs.CostIngest.BigQuery;
using Costs.CostIngest.Tests.Fakes;

namespace Costs.CostIngest.Tests.BigQuery;

public class BqRecordTests
{
    private static BqRecord Row()
    {
        using var doc = JsonDocument.Parse(Fixture.Text("Fakes", "fixtures", "query_nested.json"));
        var schema = BqField.ParseFields(doc.RootElement.GetProperty("schema").GetProperty("fields"));
        return new BqRecord(schema, doc.RootElement.GetProperty("rows")[0].Clone(), "row 1");
    }

    [Fact]
    public void Decimal_NumericStrings_ExactDecimals()
    {
        var row = Row();
        Assert.Equal(123456789.123456789m, row.Decimal("cost"));
        Assert.Equal(-0.000000001m, row.Decimal("big"));
        Assert.Equal(42L, row.Int64("rows"));
    }

    [Fact]
    public void Timestamp_Int64MicrosAndFloatSeconds_SameInstant()
    {
        var row = Row();
        var expected = DateTimeOffset.FromUnixTimeSeconds(1791158400);
        Assert.Equal(expected, row.Timestamp("usage_start"));
        Assert.Equal(expected, row.Timestamp("legacy_ts"));
    }

    [Fact]
    public void Record_NestedRecordWithRepeatedRecord_Decoded()
    {
        var project = Row().Record("project")!;
        Assert.Equal("acme-prod", project.String("id"));
        var ancestry = project.Records("ancestry");
        Assert.Equal(2, ancestry.Count);
        Assert.Equal("organizations/1234", ancestry[0].String("resource_name"));
        Assert.Null(ancestry[1].String("display_name"));
    }

    [Fact]
    public void Records_RepeatedCredits_TypedAmounts()
    {
        var credits = Row().Records("credits");
        Assert.Equal([("COMMITTED_USAGE_DISCOUNT", -6.3m), ("SUSTAINED_USAGE_DISCOUNT", -0.000000001m)],
            credits.Select(c => (c.RequiredString("type"), c.Decimal("amount")!.Value)).ToArray());
    }

    [Fact]
    public void Dates_RepeatedDate_Decoded()
    {
        Assert.Equal([new DateOnly(2026, 10, 4), new DateOnly(2026, 10, 5)], Row().Dates("usage_days"));
        Assert.Equal(new DateOnly(2026, 10, 5), Row().Date("day"));
    }

    [Fact]
    public void String_NullCell_Null()
    {
        Assert.Null(Row().String("missing"));
    }

    [Fact]
    public void Decimal_WrongType_ThrowsNamingColumn()
    {
        var ex = Assert.Throws<BqDecodeException>(() => Row().Decimal("billing_account_id"));
        Assert.Contains("billing_account_id", ex.Message);
    }

    [Fact]
    public void Decimal_NotANumber_ThrowsNamingColumnAndValue()
    {
        using var doc = JsonDocument.Parse("""{"f":[{"v":"abc"}]}""");
        var row = new BqRecord([new BqField("cost", "NUMERIC", "NULLABLE", [])], doc.RootElement.Clone(), "row 7");
        var ex = Assert.Throws<BqDecodeException>(() => row.Decimal("cost"));
        Assert.Contains("cost=abc", ex.Message);
    }

    [Fact]
    public void Constructor_CellCountMismatch_Throws()
    {
        using var doc = JsonDocument.Parse("""{"f":[{"v":"1"},{"v":"2"}]}""");
        Assert.Throws<BqDecodeException>(() => new BqRecord([new BqField("a", "STRING", "NULLABLE", [])], doc.RootElement.Clone(), "row"));
    }
}
