using Costs.CostModel.Allocation;
using Costs.CostReports.Workbook;

namespace Costs.CostReports.Summary;

/// <summary>A dimension that the report breaks net cost down by.</summary>
public enum ReportDimension
{
    Service,
    Team,
    Environment,
}

/// <summary>
/// How a row is named in a breakdown (as <c>query</c> names it, <see cref="KindLabels"/>). Unallocated, idle and overhead rows are named after their kind, in every
/// dimension, so that they are never mistaken for a real service; an allocated row whose dimension is not
/// attributed is named <see cref="NotSet"/>.
/// </summary>
public static class ReportLabels
{
    public const string NotSet = "(not set)";
    public const string Unallocated = KindLabels.Unallocated;
    public const string Idle = KindLabels.Idle;
    public const string Overhead = KindLabels.Overhead;

    public static string Of(AllocationRow row, ReportDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(row);
        return KindLabels.Of(row.Kind) ?? Value(row.Dimensions, dimension) ?? NotSet;
    }

    private static string? Value(Dimensions d, ReportDimension dimension) => dimension switch
    {
        ReportDimension.Service => d.Service,
        ReportDimension.Team => d.Team,
        ReportDimension.Environment => d.Environment,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown report dimension."),
    };

    /// <summary>The allocation rows in the report's currency: the only rows any figure is made from.</summary>
    public static IEnumerable<AllocationRow> RowsInCurrency(this ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Allocations.Where(r => r.Currency == input.Currency);
    }

    /// <summary>Net over <paramref name="total"/> as a fraction, or null when the total is zero.</summary>
    public static decimal? Share(decimal part, decimal total) => total == 0m ? null : part / total;
}
