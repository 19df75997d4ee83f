using Costs.Cli;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using Costs.Tests.Cli.Verbs;

namespace Costs.Tests.Cli;

public sealed class OutputTextTests
{
    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("checkout", "checkout")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("x=1", "x=1")]
    [InlineData("", "")]
    public void CsvCell_FormulaLikeText_IsDefusedAndQuoted(string text, string expected)
    {
        Assert.Equal(expected, OutputText.CsvCell(text));
    }

    [Theory]
    [InlineData("\u001b[2J\u001b[31mred", "\\x1b[2J\\x1b[31mred")]
    [InlineData("ok\rforged", "ok\\rforged")]
    [InlineData("nul\0here", "nul\\x00here")]
    [InlineData("line\nbreak", "line\\nbreak")]
    [InlineData("\u009b31m", "\\x9b31m")]
    [InlineData("\u202egnp.exe", "\\u202egnp.exe")]
    [InlineData("checkout – café ✓", "checkout – café ✓")]
    public void Terminal_ControlAndReorderingCharacters_AreShownAsEscapes(string text, string expected)
    {
        Assert.Equal(expected, OutputText.Terminal(text));
    }

    private static AllocationRow Row(string service, decimal cost) => new()
    {
        Day = new DateOnly(2026, 11, 2), Currency = Currency.Usd, InvoiceMonth = InvoiceMonth.Of(new DateOnly(2026, 11, 2)), Kind = CostKind.Allocated,
        Dimensions = new Dimensions { Service = service, Team = "t", Environment = "production", Project = "p", CloudService = "Compute Engine", Sku = "Core" },
        Cost = cost, Credits = 0m,
    };

    [Fact]
    public async Task QueryVerb_CsvOfHostileServiceNames_WritesThemAsText()
    {
        using var cli = new CliRun();
        await cli.SeedAsync([Row("=cmd|' /C calc'!A0", 1m), Row("+1+1", 2m), Row("@SUM(A1)", 3m), Row("-5", 4m)]);
        Assert.Equal(0, await cli.RunAsync("query", "--by", "service", "--format", "csv"));
        var lines = cli.Out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("service,currency,cost,credits,net", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("'", l));
        Assert.Contains("'=cmd|' /C calc'!A0,USD,1,0,1", lines);
        Assert.Contains("'-5,USD,4,0,4", lines);
    }

    [Fact]
    public async Task QueryVerb_TableOfControlCharacters_ReachesTheTerminalAsEscapes()
    {
        using var cli = new CliRun();
        await cli.SeedAsync([Row("evil\u001b[2J\rcheckout\0", 1m)]);
        Assert.Equal(0, await cli.RunAsync("query", "--by", "service"));
        var output = cli.Out.ToString();
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\0', output);
        Assert.DoesNotContain('\r', output);
        Assert.Contains("evil\\x1b[2J\\rcheckout\\x00", output);
    }
}
