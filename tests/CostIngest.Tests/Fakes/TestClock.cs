namespace Costs.CostIngest.Tests.Fakes;

/// <summary>
/// A clock fixed at <see cref="Now"/> whose timers fire at once, recording the delay asked for. Retry
/// tests assert the delay chosen (Retry-After honoured) without waiting for it.
/// </summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private readonly List<TimeSpan> _delays = [];

    public DateTimeOffset Now { get; set; } = now;

    public IReadOnlyList<TimeSpan> Delays
    {
        get { lock (_delays) return _delays.ToList(); }
    }

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_delays) _delays.Add(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }
        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
