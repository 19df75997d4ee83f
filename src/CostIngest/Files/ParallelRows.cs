using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Costs.CostIngest.Files;

/// <summary>
/// Reads a file's batches on one task (decompressing and splitting lines) and parses each batch on the
/// thread pool, while the caller stores the rows of earlier ones: on two cores, reading, parsing and
/// storing overlap instead of taking turns. Parsing is pure, so the order is all that must be kept: rows
/// come back in file order, and a source that fails part-way yields every row of the batches before the
/// failure first, as a one-line-at-a-time read would, then throws. Memory stays bounded by the batches in
/// flight.
/// </summary>
internal static class ParallelRows
{
    public static async IAsyncEnumerable<FileRow> ReadAsync<TBatch>(IAsyncEnumerable<TBatch> batches,
        Func<TBatch, List<FileRow>> parse, [EnumeratorCancellation] CancellationToken ct)
    {
        var inFlight = Math.Max(2, Environment.ProcessorCount + 1);
        var parsed = Channel.CreateBounded<Task<List<FileRow>>>(new BoundedChannelOptions(inFlight)
            { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(() => ProduceAsync(batches, parse, parsed.Writer, stop.Token), CancellationToken.None);
        ExceptionDispatchInfo? failure;
        try
        {
            while (await parsed.Reader.WaitToReadAsync(CancellationToken.None))
            {
                while (parsed.Reader.TryRead(out var batch))
                    foreach (var row in await batch) yield return row;
            }
        }
        finally
        {
            // When the caller stops early the reading stops too; batches still in flight finish on their
            // own (each parse disposes its batch).
            await stop.CancelAsync();
            failure = await reading;
        }
        failure?.Throw();
    }

    /// <summary>Starts the parse of each batch in order; returns what stopped the source early, if anything.</summary>
    private static async Task<ExceptionDispatchInfo?> ProduceAsync<TBatch>(IAsyncEnumerable<TBatch> batches,
        Func<TBatch, List<FileRow>> parse, ChannelWriter<Task<List<FileRow>>> parsed, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in batches.WithCancellation(ct))
            {
                var parsing = Task.Run(() => parse(batch), CancellationToken.None);
                await parsed.WriteAsync(parsing, ct);
            }
            return null;
        }
        catch (Exception ex)
        {
            return ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            parsed.Complete();
        }
    }
}
