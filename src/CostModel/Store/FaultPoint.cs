using System.Diagnostics;
using System.Globalization;

namespace Costs.CostModel.Store;

/// <summary>
/// TEST ONLY: the fault script (bench/faults.sh) and the crash tests kill the process at a moment chosen by
/// the data. When the environment variable <c>COSTS_FAULT_AFTER_ROWS</c> holds a positive number N, the
/// process kills itself with SIGKILL right after the Nth row it stores (billing lines of a load, then
/// allocation rows of an analysis, counted together), as a crash or an OOM kill would end it: no
/// finally block, no rollback, no flush. It is read here and nowhere else, and is not part of --help or
/// the configuration; unset, it costs one comparison per row.
/// </summary>
internal static class FaultPoint
{
    private static readonly long AfterRows =
        long.TryParse(Environment.GetEnvironmentVariable("COSTS_FAULT_AFTER_ROWS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static long _rows;

    /// <summary>Called once for each row stored.</summary>
    public static void RowStored()
    {
        if (AfterRows > 0 && Interlocked.Increment(ref _rows) >= AfterRows)
            Process.GetCurrentProcess().Kill();
    }
}
