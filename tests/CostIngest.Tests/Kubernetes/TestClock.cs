namespace Costs.CostIngest.Tests.Kubernetes;

/// <summary>A clock that moves only when the test says so.</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
