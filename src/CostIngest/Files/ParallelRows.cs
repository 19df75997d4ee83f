using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Costs.CostIngest.Files;

/// <summary>
/// Parses batches of a file on the thread pool (the other cores) while the caller stores the rows of
/// earlier ones. Parsing is pure, so the order is all that must be kept: rows come back in file order,
/// and a source that fails part-way yields every row of the batches before the failure first, as a
/// one-line-at-a-time read would, then throws. Memory stays bounded by the batches in flight.
/// </summary>
internal static class ParallelRows
{
    public static async IAsyncEnumerable<FileRow> ReadAsync<TBatch>(IAsyncEnumerable<TBatch> batches,
        Func<TBatch, List<FileRow>> parse, [EnumeratorCancellation] CancellationToken ct)
    {
        var inFlight = Math.Max(2, Environment.ProcessorCount + 1);
        var pending = new Queue<Task<List<FileRow>>>();
        ExceptionDispatchInfo? failure = null;
        await using (var source = batches.GetAsyncEnumerator(ct))
        {
            while (true)
            {
                try
                {
                    if (!await source.MoveNextAsync()) break;
                }
                catch (Exception ex)
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                    break;
                }
                var batch = source.Current;
                pending.Enqueue(Task.Run(() => parse(batch), CancellationToken.None));
                if (pending.Count < inFlight) continue;
                foreach (var row in await pending.Dequeue()) yield return row;
            }
        }
        while (pending.Count > 0)
            foreach (var row in await pending.Dequeue()) yield return row;
        failure?.Throw();
    }
}
