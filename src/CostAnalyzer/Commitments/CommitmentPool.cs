using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Commitments;

/// <summary>
/// The price of one commitment term in a pool. <see cref="Fee"/> is what one unit of commitment costs
/// per hour: currency per vCPU-hour or GiB-hour, or 1 for a flexible commitment, whose unit is one
/// currency unit of discounted spend per hour. <see cref="LevelPerUsage"/> is how many units of
/// commitment cover one unit of usage: 1 for resources; 1 − discount for flexible commitments, whose
/// $72/h covers $100/h of on-demand spend at a 28% discount.
/// </summary>
public sealed record TermPrice
{
    public decimal Fee { get; }
    public decimal LevelPerUsage { get; }

    public TermPrice(decimal fee, decimal levelPerUsage)
    {
        if (fee < 0m) throw new ArgumentOutOfRangeException(nameof(fee), fee, "A commitment fee is not negative.");
        if (levelPerUsage is <= 0m or > 1m)
            throw new ArgumentOutOfRangeException(nameof(levelPerUsage), levelPerUsage, "Commitment per unit of usage is above 0 and at most 1.");
        (Fee, LevelPerUsage) = (fee, levelPerUsage);
    }
}

/// <summary>
/// Hourly prices of a pool. <see cref="OnDemand"/> is per unit of usage and net of the sustained-use
/// discount where the family earns one (<see cref="Recommendations.SustainedUse"/>); for a flexible
/// pool usage is on-demand spend, so it is 1.
/// </summary>
public sealed record PoolPrices
{
    public decimal OnDemand { get; }
    public TermPrice OneYear { get; }
    public TermPrice ThreeYear { get; }

    public PoolPrices(decimal onDemand, TermPrice oneYear, TermPrice threeYear)
    {
        if (onDemand <= 0m) throw new ArgumentOutOfRangeException(nameof(onDemand), onDemand, "An on-demand price is above 0.");
        (OnDemand, OneYear, ThreeYear) = (onDemand, oneYear, threeYear);
    }

    /// <summary>Resource-based rates per vCPU-hour or GiB-hour; <paramref name="onDemandNet"/> net of sustained use.</summary>
    public static PoolPrices Resource(decimal onDemandNet, decimal oneYear, decimal threeYear) =>
        new(onDemandNet, new TermPrice(oneYear, 1m), new TermPrice(threeYear, 1m));

    /// <summary>Flexible commitments at these discounts off on-demand spend (0.28 for 28%).</summary>
    public static PoolPrices Flexible(decimal oneYearDiscount, decimal threeYearDiscount) =>
        new(1m, new TermPrice(1m, 1m - oneYearDiscount), new TermPrice(1m, 1m - threeYearDiscount));

    public TermPrice Of(CommitmentTerm term) => term == CommitmentTerm.OneYear ? OneYear : ThreeYear;

    /// <summary>Commitment price ÷ on-demand price, p_c / p_o = 1 − d: the least utilisation at which a commitment pays.</summary>
    public decimal BreakEven(CommitmentTerm term) => Of(term).Fee * Of(term).LevelPerUsage / OnDemand;
}

/// <summary>
/// One pool's input. <see cref="Hours"/> is the usage of each UTC hour from <see cref="Start"/>, with
/// no gaps (zero where nothing ran): vCPUs or GiB in use for resource pools (an hour's vCPU-hours), and
/// eligible on-demand spend per hour for flexible pools (spend not already covered by resource-based
/// commitments). Only the last lookback of it is used. <see cref="FirstUsage"/> is when the store first
/// saw this pool used, when that is earlier than <see cref="Start"/>; without it, history starts at the
/// first hour of <see cref="Hours"/> with usage. Existing commitments are in the pool's commitment unit
/// (vCPU, GiB, or discounted spend per hour) and are assumed to last through the new term.
/// <see cref="Prices"/> may be left out for a flexible pool: the configured discounts then apply.
/// </summary>
public sealed record CommitmentPool
{
    public required PoolKey Key { get; init; }
    public required Currency Currency { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required IReadOnlyList<decimal> Hours { get; init; }
    public DateTimeOffset? FirstUsage { get; init; }
    public PoolPrices? Prices { get; init; }
    public decimal ExistingOneYear { get; init; }
    public decimal ExistingThreeYear { get; init; }

    public DateTimeOffset End => Start.AddHours(Hours.Count);

    public decimal Existing(CommitmentTerm term) => term == CommitmentTerm.OneYear ? ExistingOneYear : ExistingThreeYear;

    /// <summary>The step between levels: a whole vCPU or GiB, or a cent of hourly commitment.</summary>
    public decimal Grid => Key.Type == CommitmentType.Resource ? 1m : 0.01m;

    /// <summary>"vCPU", "GiB", or "USD/h".</summary>
    public string Unit => Key.Type == CommitmentType.Flexible ? $"{Currency.Code}/h"
        : Key.Resource == CommitmentResource.Vcpu ? "vCPU" : "GiB";
}
