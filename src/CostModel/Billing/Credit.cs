namespace Costs.CostModel.Billing;

/// <summary>One credit on a billing line. <see cref="Amount"/> is negative when it lowers the cost.</summary>
public sealed record Credit(CreditType Type, decimal Amount, string? Name = null, string? FullName = null, string? Id = null);
