using Costs.Scheduling;

namespace Costs.Tests.Scheduling;

public sealed class RunLockTests
{
    [Fact]
    public void TryAcquire_HeldByAnother_ReturnsNullUntilReleased()
    {
        var dir = Directory.CreateTempSubdirectory("costs-lock-").FullName;
        try
        {
            var store = Path.Combine(dir, "costs.db");
            using (var first = RunLock.TryAcquire(store))
            {
                Assert.NotNull(first);
                Assert.Null(RunLock.TryAcquire(store));
            }
            // Released (as when the holder dies: the OS drops the lock with the file handle).
            using var again = RunLock.TryAcquire(store);
            Assert.NotNull(again);
            Assert.Equal(store + ".lock", again.Path);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TryAcquire_LockFileLeftByAKilledRun_IsNotStale()
    {
        var dir = Directory.CreateTempSubdirectory("costs-lock-").FullName;
        try
        {
            var store = Path.Combine(dir, "costs.db");
            File.WriteAllText(RunLock.PathFor(store), "12345\n");
            using var held = RunLock.TryAcquire(store);
            Assert.NotNull(held);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
