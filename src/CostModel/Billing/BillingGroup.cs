namespace Costs.CostModel.Billing;

/// <summary>
/// A day's billing lines alike in everything but their hours, usage and amounts (the same account,
/// project, service, SKU, location, resource, label sets, units and invoice month), added up: what the
/// analysis attributes, read instead of every line. <see cref="Shape"/> describes them: its usage is the
/// whole day and its own amounts are not the group's; <see cref="Cost"/> and <see cref="Credits"/> are the
/// lines' sums. A line the reader was asked for one by one comes as a group of one whose shape is the line.
/// </summary>
public sealed record BillingGroup(BillingLine Shape, decimal Cost, decimal Credits, long LineCount)
{
    /// <summary>One line as a group of one.</summary>
    public static BillingGroup Of(BillingLine line) => new(line, line.Cost, line.CreditTotal, 1);
}
