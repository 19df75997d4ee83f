using Costs.CostAnalyzer.Recommendations;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Store;

namespace Costs.CostReports.Workbook;

/// <summary>
/// Everything a cost report is made from. Rows in another currency than <see cref="Currency"/> are left out
/// of every figure; <see cref="AsOf"/> is "today" for month-to-date figures (there is no clock inside).
/// </summary>
public sealed record ReportInput(
    IReadOnlyList<AllocationRow> Allocations,
    IReadOnlyList<BilledDay> Billed,
    DateOnly AsOf,
    Currency Currency,
    string Title)
{
    /// <summary>
    /// Shares of the fixed monthly amounts of <c>Allocation:Shared</c> (kind fixed): not on the bill, so never in
    /// <see cref="Allocations"/>; the Services sheet shows them in a column of their own, beside the billed net.
    /// </summary>
    public IReadOnlyList<AllocationRow> FixedShares { get; init; } = [];

    /// <summary>Cluster workloads' requests, usage and unused cost per day (empty when no cluster is sampled).</summary>
    public IReadOnlyList<WorkloadEfficiency> Efficiency { get; init; } = [];

    /// <summary>
    /// What <c>costs recommend</c> found, for the Recommendations and Commitments sheets; null when no
    /// recommendations were computed, and then those two sheets are left out of the workbook.
    /// </summary>
    public RecommendationSet? Recommendations { get; init; }

    /// <summary>The rows the store rejected, with what could be read from them, for the Reconciliation sheet.</summary>
    public IReadOnlyList<Reject> Rejects { get; init; } = [];
}

/// <summary>
/// What <see cref="WorkbookWriter.Write"/> wrote: the sheet names in order, the number of rows in the Data
/// table, and the sum over invoice months of |billed net − allocated net| (0 when the store is consistent).
/// </summary>
public sealed record WorkbookSummary(IReadOnlyList<string> Sheets, int DataRows, decimal ReconciliationDifference);
