using System.Runtime.CompilerServices;
using Costs.CostIngest.Files;

namespace Costs.CostIngest.Tests.Files;

public class ParallelRowsTests
{
    /// <summary>Batches of numbered rows, the i-th batch holding rows 10i .. 10i+9, failing after <paramref name="failAfter"/> batches.</summary>
    private static async IAsyncEnumerable<int> Batches(int count, int? failAfter, StrongBox<bool> disposed)
    {
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (i == failAfter) throw new BadFileException("f.jsonl", "the gzip data is damaged");
                await Task.Yield();
                yield return i;
            }
        }
        finally
        {
            disposed.Value = true;
        }
    }

    private static List<FileRow> Parse(int batch)
    {
        // Later batches parse faster, so that finishing order differs from file order.
        Thread.Sleep(batch % 3 == 0 ? 5 : 0);
        return Enumerable.Range(batch * 10, 10).Select(n => new FileRow(null, new RowError("f", n, "(row)", null, "x"))).ToList();
    }

    [Fact]
    public async Task ReadAsync_ManyBatches_RowsInFileOrder()
    {
        var rows = new List<long>();
        await foreach (var row in ParallelRows.ReadAsync(Batches(50, null, new()), Parse, CancellationToken.None))
            rows.Add(row.Error!.Line);
        Assert.Equal(Enumerable.Range(0, 500).Select(n => (long)n), rows);
    }

    [Fact]
    public async Task ReadAsync_SourceFailsPartWay_EveryEarlierRowThenTheFailure()
    {
        var rows = new List<long>();
        var failure = await Assert.ThrowsAsync<BadFileException>(async () =>
        {
            await foreach (var row in ParallelRows.ReadAsync(Batches(50, 7, new()), Parse, CancellationToken.None))
                rows.Add(row.Error!.Line);
        });
        Assert.Contains("damaged", failure.Message);
        Assert.Equal(Enumerable.Range(0, 70).Select(n => (long)n), rows);
    }

    [Fact]
    public async Task ReadAsync_CallerStopsEarly_SourceClosed()
    {
        var disposed = new StrongBox<bool>();
        await foreach (var row in ParallelRows.ReadAsync(Batches(1000, null, disposed), Parse, CancellationToken.None))
            if (row.Error!.Line == 25) break;
        Assert.True(disposed.Value);
    }
}
