namespace Costs.CostResilience.Tests;

public sealed class RetryOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoErrors()
    {
        Assert.Empty(new RetryOptions().Validate("BigQuery"));
    }

    [Fact]
    public void Validate_EachBadValue_NamedBySectionAndKey()
    {
        var errors = new RetryOptions { MaxRetries = 21, BaseDelay = TimeSpan.FromSeconds(-1), MaxDelay = TimeSpan.FromDays(2) }
            .Validate("Prices").ToList();
        Assert.Contains(errors, e => e.StartsWith("Prices:Retry:MaxRetries", StringComparison.Ordinal) && e.Contains("21", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Prices:Retry:BaseDelay", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Prices:Retry:MaxDelay must be at most one day", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MaxDelayBelowBaseDelay_Error()
    {
        var errors = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(5) }.Validate("BigQuery");
        Assert.Equal(["BigQuery:Retry:MaxDelay must be at least BaseDelay."], errors);
    }
}
