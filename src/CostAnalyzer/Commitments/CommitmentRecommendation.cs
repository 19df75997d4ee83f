using System.Text.Json.Serialization;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Commitments;

/// <summary>One point of a term's cost curve: the pool's monthly cost at a level, and what it saves against level 0.</summary>
public sealed record CurvePoint(decimal Level, decimal MonthlyCost, decimal MonthlySavings);

/// <summary>One step of a ladder: buy this much this many months from now (0 is now).</summary>
public sealed record LadderStep(int MonthsFromNow, decimal Buy);

/// <summary>
/// What to do about one term in one pool. Serialised with snake_case names it is the
/// <c>costs recommend</c> JSON contract (docs/commitments.md); <c>currency</c> is added, and
/// <c>ladder</c> appears only when the purchase should be spread over months.
/// Levels are in <see cref="Unit"/>: vCPU, GiB, or discounted spend per hour. Money is monthly (730 h)
/// to the cent; shares are fractions to four places.
/// </summary>
public sealed record CommitmentRecommendation
{
    public required CommitmentType Type { get; init; }
    public required string Region { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Family { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CommitmentResource? Resource { get; init; }
    public required CommitmentTerm Term { get; init; }
    public required string Unit { get; init; }
    /// <summary>The currency of every amount (in JSON as <c>currency</c>). Not <c>required</c>: System.Text.Json refuses required properties it ignores.</summary>
    [JsonIgnore]
    public Currency Currency { get; init; }
    [JsonPropertyName("currency")]
    public string CurrencyCode => Currency.Code;
    /// <summary>This term's optimum if it were the only commitment in the pool (no other term, none held).</summary>
    public required decimal LevelAlone { get; init; }
    /// <summary>This term's total in the layered plan, existing commitments included.</summary>
    public required decimal PlanLevel { get; init; }
    public required decimal Existing { get; init; }
    /// <summary>What to buy now on top of <see cref="Existing"/>; 0 unless the advice is to buy.</summary>
    public required decimal Buy { get; init; }
    /// <summary>What <see cref="Buy"/> saves a month, against holding only what is held.</summary>
    public required decimal MonthlySavings { get; init; }
    public required decimal Utilisation { get; init; }
    public required decimal Coverage { get; init; }
    public required decimal BreakEvenUtilisation { get; init; }
    public required CommitmentAdvice Advice { get; init; }
    public required string Reason { get; init; }
    public required IReadOnlyList<CurvePoint> Curve { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LadderStep>? Ladder { get; init; }
    /// <summary>The window that set <see cref="PlanLevel"/> (the reason says it in words).</summary>
    [JsonIgnore]
    public SizingWindow SizedOn { get; init; }
    /// <summary>How much lower than past usage the level was sized because usage is falling, in <see cref="Unit"/>.</summary>
    [JsonIgnore]
    public decimal TrendLowering { get; init; }
}
