using System.Globalization;
using System.Text.Json;
using Costs.CostApplication.Sample;
using Costs.CostApplication.Stages;
using Costs.CostIngest.Files;
using Costs.CostModel.Allocation;
using Costs.CostModel.Time;
using Costs.CostReports.Focus;

namespace Costs.CostApplication.Tests.Export;

/// <summary>
/// The FOCUS export on the sample organisation (10 days of October 2026, with the production cluster's
/// hourly samples, so node splits, idle and overhead are all in it): its columns against the spec's list,
/// its sum against the bill, and a round trip through `ingest file` into a fresh store.
/// </summary>
public class ExportFocusTests
{
    private static readonly DateRange October = new(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1));

    /// <summary>The spec's column list, kept in fixtures/focus-columns.tsv (origin in fixtures/README.md).</summary>
    private static List<string[]> SpecColumns() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "fixtures", "focus-columns.tsv"))
            .Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();

    [Fact]
    public void FocusColumns_AgainstTheSpecList_SameNamesTypesAndNullability()
    {
        var spec = SpecColumns();
        Assert.Equal(60, spec.Count);
        Assert.Equal(57, spec.Count(c => c[5] == "1.2"));
        Assert.Equal(spec.Select(c => c[0]), FocusColumns.All.Select(c => c.Name));
        foreach (var (column, row) in FocusColumns.All.Zip(spec))
        {
            var type = row[4] switch
            {
                "String" => FocusType.String,
                "Decimal" => FocusType.Decimal,
                "Date/Time" => FocusType.DateTime,
                "JSON" => FocusType.Json,
                var other => throw new InvalidDataException($"fixture: unknown data type {other}"),
            };
            Assert.True(type == column.Type, $"{column.Name}: the spec says {row[4]}, the export writes {column.Type}");
            Assert.True(bool.Parse(row[3]) == column.AllowsNull, $"{column.Name}: the spec says AllowsNulls {row[3]}");
        }
    }

    [Fact]
    public async Task RunAsync_AMonth_HeaderIsTheSpecListAndEveryCellHasItsType()
    {
        await using var f = await LoadedAsync();
        var path = Path.Combine(f.Directory, "focus.csv");
        await (await f.App.ExportFocusAsync(CancellationToken.None)).RunAsync(October, path, CancellationToken.None);

        var records = await ReadRecordsAsync(path);
        Assert.Equal(SpecColumns().Select(c => c[0]), records[0]);
        Assert.True(records.Count > 100);
        foreach (var record in records.Skip(1))
        {
            Assert.Equal(FocusColumns.All.Count, record.Length);
            for (var i = 0; i < record.Length; i++) CheckCell(FocusColumns.All[i], record[i]);
        }
        var byName = records[0].Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        var methods = records.Skip(1).Select(r => r[byName["AllocatedMethodId"]]).Where(m => m.Length > 0).ToHashSet();
        Assert.Contains(FocusRow.NodeSplitMethod, methods);
        Assert.Contains(records.Skip(1), r => r[byName["AllocatedResourceId"]].Length > 0 && r[byName["AllocatedTags"]].StartsWith('{'));
    }

    [Fact]
    public async Task RunAsync_AMonth_BilledCostSumsExactlyToTheBilledNet()
    {
        await using var f = await LoadedAsync();
        var path = Path.Combine(f.Directory, "focus.csv.gz");
        var result = await (await f.App.ExportFocusAsync(CancellationToken.None)).RunAsync(October, path, CancellationToken.None);

        var billed = (await (await f.App.StoreAsync(CancellationToken.None)).ReadBilledDaysAsync(October, CancellationToken.None)).Sum(b => b.Net);
        var sum = 0m;
        long rows = 0;
        await foreach (var row in FocusCsvReader.ReadAsync(path, "focus.csv.gz", CancellationToken.None))
        {
            Assert.Null(row.Error);
            sum += row.Line!.Cost;
            rows++;
        }
        Assert.Equal(billed, sum);
        Assert.Equal(billed, result.BilledByCurrency["USD"]);
        Assert.Equal(result.Rows, rows);
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public async Task RunAsync_IngestedIntoAFreshStore_ReproducesTheTotalsByServiceTeamAndEnvironment()
    {
        await using var f = await LoadedAsync();
        var path = Path.Combine(f.Directory, "focus.csv");
        await (await f.App.ExportFocusAsync(CancellationToken.None)).RunAsync(October, path, CancellationToken.None);
        await using var fresh = await AppFixture.CreateAsync();

        await (await fresh.App.IngestFilesAsync(analyze: true, CancellationToken.None)).RunAsync([path], BillingFileFormat.FocusCsv, 0, null, CancellationToken.None);

        foreach (var by in new[] { GroupDimension.Service, GroupDimension.Team, GroupDimension.Environment })
        {
            var before = await TotalsAsync(f, by);
            var after = await TotalsAsync(fresh, by);
            Assert.Equal(before, after);
        }
        Assert.Contains(KindLabels.Idle, (await TotalsAsync(fresh, GroupDimension.Service)).Keys);
        Assert.Contains(KindLabels.Overhead, (await TotalsAsync(fresh, GroupDimension.Service)).Keys);
    }

    [Fact]
    public async Task RunAsync_DaysNotAnalyzed_RefusesAndWritesNothing()
    {
        await using var f = await AppFixture.CreateAsync();
        await (await f.App.IngestFilesAsync(analyze: false, CancellationToken.None)).RunAsync([f.Export], null, 0, null, CancellationToken.None);
        var path = Path.Combine(f.Directory, "focus.csv");

        var ex = await Assert.ThrowsAsync<StageException>(() =>
            f.App.ExportFocusAsync(CancellationToken.None).Result.RunAsync(October, path, CancellationToken.None));
        Assert.Contains("not analyzed", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("checkout", "checkout")]
    public void Cell_TextFromTheData_IsDefusedAndQuoted(string text, string expected) =>
        Assert.Equal(expected, FocusCsvWriter.Cell(new FocusColumn("ServiceName", FocusType.String, false), text));

    [Fact]
    public void TagKeys_RulesWithoutThePlainNames_UseTheFirstKeyTheRulesRead()
    {
        var options = new CostAnalyzer.Attribution.AttributionOptions { ServiceLabels = ["app"], TeamLabels = ["owner", "team"] };
        Assert.Equal(new FocusTagKeys("app", "team", "environment"), CostApplication.Export.ExportFocus.TagKeys(options));
    }

    private static void CheckCell(FocusColumn column, string cell)
    {
        if (cell.Length == 0)
        {
            Assert.True(column.AllowsNull, $"{column.Name} is null and the spec says it may not be");
            return;
        }
        switch (column.Type)
        {
            case FocusType.Decimal:
                Assert.True(decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _), $"{column.Name}: {cell}");
                break;
            case FocusType.DateTime:
                Assert.True(DateTimeOffset.TryParseExact(cell, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), $"{column.Name}: {cell}");
                break;
            case FocusType.Json:
                using (var doc = JsonDocument.Parse(cell)) Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
                break;
            default:
                Assert.False(cell[0] is '=' or '+' or '@', $"{column.Name}: {cell}");
                break;
        }
    }

    private static async Task<Dictionary<string, decimal>> TotalsAsync(AppFixture f, GroupDimension by)
    {
        var result = await (await f.App.QueryAsync(CancellationToken.None)).RunAsync([by], October, null, CancellationToken.None);
        return result.Groups.ToDictionary(g => g.Values[0] ?? "(none)", g => g.Totals.Net);
    }

    private static async Task<List<string[]>> ReadRecordsAsync(string path)
    {
        var records = new List<string[]>();
        await foreach (var r in CsvRecords.ReadAsync(TextLines.ReadAsync(path, CancellationToken.None), CancellationToken.None))
            records.Add(r.Fields);
        return records;
    }

    /// <summary>The fixture's export and the production cluster's samples for its days, loaded and analyzed.</summary>
    private static async Task<AppFixture> LoadedAsync()
    {
        var f = await AppFixture.CreateAsync();
        var store = await f.App.StoreAsync(CancellationToken.None);
        await SampleData.SaveClusterSamplesAsync(store, AppFixture.End.AddDays(-10), AppFixture.End, CancellationToken.None);
        await (await f.App.IngestFilesAsync(analyze: true, CancellationToken.None)).RunAsync([f.Export], null, 0, null, CancellationToken.None);
        return f;
    }
}
