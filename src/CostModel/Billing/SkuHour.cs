using Costs.CostModel.Money;

namespace Costs.CostModel.Billing;

/// <summary>
/// Billing lines of one SKU in one region, of one billing account and currency, with the same usage
/// start and end, added up (exactly): what sizing commitments needs of them, stored beside the lines
/// (migration 0017). A single line is a group of one (<see cref="Of"/>).
/// <list type="bullet">
/// <item><see cref="Usage"/>, <see cref="UsageMax"/>, <see cref="Net"/> and <see cref="NetMax"/> are over
/// the lines that state a usage amount in pricing units (null when none does): the sum and the largest
/// of that amount, and of the line's cost plus its committed-use-discount credits.</item>
/// <item><see cref="CostMax"/> is the largest cost of any of the lines.</item>
/// </list>
/// </summary>
public sealed record SkuHour
{
    public required string BillingAccountId { get; init; }
    public required string SkuDescription { get; init; }
    public required string Region { get; init; }
    public required Currency Currency { get; init; }
    public required DateTimeOffset UsageStart { get; init; }
    public required DateTimeOffset UsageEnd { get; init; }
    public required long Lines { get; init; }
    public decimal? Usage { get; init; }
    public decimal? UsageMax { get; init; }
    public decimal? Net { get; init; }
    public decimal? NetMax { get; init; }
    public required decimal CostMax { get; init; }

    /// <summary>Cost plus committed-use-discount credits: the spend resource-based commitments left uncovered.</summary>
    public static decimal NetOfCommitments(BillingLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var credits = 0m;
        foreach (var credit in line.Credits)
            if (credit.Type == CreditType.CommittedUsageDiscount) credits += credit.Amount;
        return line.Cost + credits;
    }

    /// <summary>One line as a group of one; null when it has no region (it belongs to no group).</summary>
    public static SkuHour? Of(BillingLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Region is not { Length: > 0 } region) return null;
        var usage = line.UsageAmountInPricingUnits;
        decimal? net = usage is null ? null : NetOfCommitments(line);
        return new SkuHour
        {
            BillingAccountId = line.BillingAccountId, SkuDescription = line.SkuDescription, Region = region, Currency = line.Currency,
            UsageStart = line.UsageStart, UsageEnd = line.UsageEnd, Lines = 1,
            Usage = usage, UsageMax = usage, Net = net, NetMax = net, CostMax = line.Cost,
        };
    }
}
