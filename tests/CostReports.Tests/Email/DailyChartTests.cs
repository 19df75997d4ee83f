using System.Buffers.Binary;
using Costs.CostModel.Money;
using Costs.CostReports.Email;
using Costs.CostReports.Summary;

namespace Costs.CostReports.Tests.Email;

public sealed class DailyChartTests
{
    /// <summary>Twenty days of three environments, production the largest.</summary>
    internal static readonly DailyNet Month = Build(new DateOnly(2026, 11, 1), 20);

    private static DailyNet Build(DateOnly first, int days)
    {
        var series = new[] { "production", "staging", "(idle)" };
        var dayList = Enumerable.Range(0, days).Select(first.AddDays).ToList();
        var net = dayList.Select((d, i) => (IReadOnlyList<decimal>)[1_200m + 37.5m * i + (i == 12 ? 900m : 0m), 310.25m + 3m * (i % 4), 95.1m]).ToList();
        return new DailyNet(dayList, series, net, net.Select(v => v.Sum()).ToList());
    }

    [Fact]
    public void Png_AMonthOfThreeEnvironments_IsAPngOfTheChartsSize()
    {
        var png = DailyChart.Png(Month, Currency.Usd, DailyChart.Title(new DateOnly(2026, 11, 20)));

        Assert.NotNull(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal(DailyChart.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(DailyChart.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, "daily-chart-sample.png"), png);
    }

    [Fact]
    public void Png_NoDays_IsNull() =>
        Assert.Null(DailyChart.Png(new DailyNet([], [], [], []), Currency.Usd, "empty"));
}
