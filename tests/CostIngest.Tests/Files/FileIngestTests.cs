using Costs.CostIngest.Files;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.CostIngest.Tests.Files;

public class FileIngestTests
{
    private static string Row(string day, int hour, decimal cost, string account = "A", string sku = "Sku")
    {
        var amount = cost.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var month = day[..4] + day[5..7];
        return "{\"billing_account_id\":\"" + account + "\",\"sku\":{\"id\":\"K\",\"description\":\"" + sku + "\"}," +
            $"\"usage_start_time\":\"{day} {hour:D2}:00:00 UTC\",\"usage_end_time\":\"{day} {hour:D2}:59:59 UTC\"," +
            $"\"cost\":{amount},\"currency\":\"USD\",\"credits\":[{{\"name\":\"n\",\"amount\":-0.01,\"type\":\"SUSTAINED_USAGE_DISCOUNT\"}}]," +
            $"\"invoice\":{{\"month\":\"{month}\"}}}}";
    }

    private static async Task<string> Snapshot(CostStore store)
    {
        var lines = new List<string>();
        await foreach (var l in store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None))
            lines.Add($"{l.BillingAccountId}|{l.UsageStart:O}|{l.SkuDescription}|{l.Cost}|{l.CreditTotal}");
        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    [Fact]
    public async Task LoadAsync_SameFileTwice_LeavesTheSameStore()
    {
        using var dir = new TempDir();
        var file = dir.File("a.jsonl");
        await File.WriteAllLinesAsync(file, [Row("2026-10-01", 0, 1.5m), Row("2026-10-01", 1, 2.25m), Row("2026-10-02", 0, 3m)]);
        await using var store = await CostStore.OpenAsync(dir.File("s.db"), TimeProvider.System, CancellationToken.None);
        var first = await FileIngest.LoadAsync(store, [file], null, 0, null, CancellationToken.None);
        var once = await Snapshot(store);
        var second = await FileIngest.LoadAsync(store, [file], null, 0, null, CancellationToken.None);
        Assert.True(first.Committed && second.Committed);
        Assert.Equal(once, await Snapshot(store));
        Assert.Equal(3, once.Split('\n').Length);
    }

    [Fact]
    public async Task LoadAsync_NewerFileRestatesADay_EqualsLoadingOnlyTheNewestData()
    {
        using var dir = new TempDir();
        var old = dir.File("old.jsonl");
        var restated = dir.File("new.jsonl");
        await File.WriteAllLinesAsync(old, [Row("2026-10-01", 0, 1m), Row("2026-10-01", 1, 1m), Row("2026-10-02", 0, 1m)]);
        // Day 2 is restated with different rows (one fewer, new amounts); day 1 is not in the new file.
        await File.WriteAllLinesAsync(restated, [Row("2026-10-02", 5, 7m, sku: "Restated")]);

        await using var a = await CostStore.OpenAsync(dir.File("a.db"), TimeProvider.System, CancellationToken.None);
        await FileIngest.LoadAsync(a, [old], null, 0, null, CancellationToken.None);
        await FileIngest.LoadAsync(a, [restated], null, 0, null, CancellationToken.None);

        var expected = dir.File("expected.jsonl");
        await File.WriteAllLinesAsync(expected, [Row("2026-10-01", 0, 1m), Row("2026-10-01", 1, 1m), Row("2026-10-02", 5, 7m, sku: "Restated")]);
        await using var b = await CostStore.OpenAsync(dir.File("b.db"), TimeProvider.System, CancellationToken.None);
        await FileIngest.LoadAsync(b, [expected], null, 0, null, CancellationToken.None);

        Assert.Equal(await Snapshot(b), await Snapshot(a));
    }

    [Fact]
    public async Task LoadAsync_OtherAccountSameDay_IsNotReplaced()
    {
        using var dir = new TempDir();
        var a = dir.File("a.jsonl");
        var b = dir.File("b.jsonl");
        await File.WriteAllLinesAsync(a, [Row("2026-10-01", 0, 1m, account: "A")]);
        await File.WriteAllLinesAsync(b, [Row("2026-10-01", 0, 2m, account: "B")]);
        await using var store = await CostStore.OpenAsync(dir.File("s.db"), TimeProvider.System, CancellationToken.None);
        await FileIngest.LoadAsync(store, [a], null, 0, null, CancellationToken.None);
        await FileIngest.LoadAsync(store, [b], null, 0, null, CancellationToken.None);
        Assert.Equal(2, (await Snapshot(store)).Split('\n').Length);
    }

    [Fact]
    public async Task LoadAsync_MoreBadRowsThanAllowed_ChangesNothing()
    {
        using var dir = new TempDir();
        var good = dir.File("good.jsonl");
        await File.WriteAllLinesAsync(good, [Row("2026-10-01", 0, 9m)]);
        await using var store = await CostStore.OpenAsync(dir.File("s.db"), TimeProvider.System, CancellationToken.None);
        await FileIngest.LoadAsync(store, [good], null, 0, null, CancellationToken.None);
        var before = await Snapshot(store);

        // bad_rows.jsonl restates 2026-10-01 with one good row and has four bad ones.
        var result = await FileIngest.LoadAsync(store, [Fixtures.Path("bad_rows.jsonl")], null, 3, null, CancellationToken.None);

        Assert.False(result.Committed);
        Assert.Equal(4, result.RejectCount);
        Assert.Equal(before, await Snapshot(store));
        Assert.Empty(await store.RejectsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task LoadAsync_BadRowsWithinAllowance_KeepsThemAside()
    {
        using var dir = new TempDir();
        await using var store = await CostStore.OpenAsync(dir.File("s.db"), TimeProvider.System, CancellationToken.None);
        var result = await FileIngest.LoadAsync(store, [Fixtures.Path("bad_rows.jsonl")], null, 4, null, CancellationToken.None);
        Assert.True(result.Committed);
        Assert.Equal(1, result.Lines);
        var rejects = await store.RejectsAsync(CancellationToken.None);
        Assert.Equal([2L, 3L, 4L, 5L], rejects.Select(r => r.Line));
        Assert.Equal("abc", rejects[1].Value);
    }

    [Fact]
    public async Task LoadAsync_GzippedFile_IsReadLikeThePlainOne()
    {
        using var dir = new TempDir();
        var gz = dir.File("export.jsonl.gz");
        await using (var f = File.Create(gz))
        await using (var z = new System.IO.Compression.GZipStream(f, System.IO.Compression.CompressionLevel.Fastest))
        await using (var src = File.OpenRead(Fixtures.Path("koku_standard_export.jsonl")))
            await src.CopyToAsync(z);
        await using var store = await CostStore.OpenAsync(dir.File("s.db"), TimeProvider.System, CancellationToken.None);
        var result = await FileIngest.LoadAsync(store, [gz], null, 0, null, CancellationToken.None);
        Assert.Equal(25, result.Lines);
        Assert.Equal(4, result.Days.Count);
    }

    [Fact]
    public async Task LoadAsync_UnknownCreditType_IsKeptAndReported()
    {
        using var dir = new TempDir();
        await using var store = await CostStore.OpenAsync(dir.File("s.db"), TimeProvider.System, CancellationToken.None);
        var result = await FileIngest.LoadAsync(store, [Fixtures.Path("all_fields.jsonl")], null, 0, null, CancellationToken.None);
        Assert.Equal(["BRAND_NEW_CREDIT"], result.UnknownCreditTypes);
        var stored = new List<Costs.CostModel.Billing.BillingLine>();
        await foreach (var l in store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None)) stored.Add(l);
        Assert.Contains(stored.Single().Credits, c => c.Type.Name == "BRAND_NEW_CREDIT" && c.Amount == -0.001m);
    }

    private static async Task<decimal> NetAsync(CostStore store)
    {
        var net = 0m;
        await foreach (var l in store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None)) net += l.Cost + l.CreditTotal;
        return net;
    }

    private static async Task GzipAsync(string from, string to)
    {
        await using var f = File.Create(to);
        await using var z = new System.IO.Compression.GZipStream(f, System.IO.Compression.CompressionLevel.Fastest);
        await using var src = File.OpenRead(from);
        await src.CopyToAsync(z);
    }

    [Fact]
    public async Task LoadAsync_SamePathTwiceInOneLoad_ReadsItOnce()
    {
        using var dir = new TempDir();
        var file = dir.File("g.jsonl");
        await File.WriteAllLinesAsync(file, [Row("2026-10-01", 0, 1.5m), Row("2026-10-02", 0, 3m)]);
        await using var store = await CostStore.OpenAsync(dir.File("s.db"), TimeProvider.System, CancellationToken.None);
        var result = await FileIngest.LoadAsync(store, [file, file], null, 0, null, CancellationToken.None);
        Assert.Equal(2, result.Lines);
        Assert.Equal(4.48m, await NetAsync(store));
        var skipped = Assert.Single(result.Skipped);
        Assert.True(skipped.SamePath);
        Assert.Contains(file, skipped.ToString());
    }

    [Fact]
    public async Task LoadAsync_FileAndItsOwnGzip_ReadsTheDataOnce()
    {
        using var dir = new TempDir();
        var file = dir.File("g.jsonl");
        await File.WriteAllLinesAsync(file, [Row("2026-10-01", 0, 1.5m), Row("2026-10-02", 0, 3m)]);
        await GzipAsync(file, file + ".gz");
        await using var store = await CostStore.OpenAsync(dir.File("s.db"), TimeProvider.System, CancellationToken.None);
        var result = await FileIngest.LoadAsync(store, [file, file + ".gz"], null, 0, null, CancellationToken.None);
        Assert.Equal(4.48m, await NetAsync(store));
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal((file + ".gz", file, false), (skipped.Path, skipped.SameAs, skipped.SamePath));
        Assert.Contains("same data", skipped.ToString());
    }

    [Fact]
    public async Task LoadAsync_ShardsOfOneExport_AddUp()
    {
        using var dir = new TempDir();
        var a = dir.File("export-000000000000.jsonl");
        var b = dir.File("export-000000000001.jsonl");
        await File.WriteAllLinesAsync(a, [Row("2026-10-01", 0, 1m), Row("2026-10-01", 1, 2m)]);
        await File.WriteAllLinesAsync(b, [Row("2026-10-01", 2, 4m), Row("2026-10-02", 0, 8m)]);
        await GzipAsync(b, b + ".gz");
        await using var store = await CostStore.OpenAsync(dir.File("s.db"), TimeProvider.System, CancellationToken.None);
        var result = await FileIngest.LoadAsync(store, [a, b + ".gz"], null, 0, null, CancellationToken.None);
        Assert.Empty(result.Skipped);
        Assert.Equal(15m - 0.04m, await NetAsync(store));
    }

    /// <summary>Past the 64 KiB that every file is first compared on: a copy is skipped, a file that differs only later is not.</summary>
    [Fact]
    public async Task LoadAsync_BigFilesSharingTheirStart_SkipsOnlyTheTrueCopy()
    {
        using var dir = new TempDir();
        var rows = Enumerable.Range(0, 24 * 30).Select(i => Row($"2026-10-{1 + i / 24:D2}", i % 24, 1m)).ToList();
        var a = dir.File("a.jsonl");
        var copy = dir.File("copy-of-a.jsonl");
        var longer = dir.File("longer.jsonl");
        await File.WriteAllLinesAsync(a, rows);
        File.Copy(a, copy);
        await File.WriteAllLinesAsync(longer, [.. rows, Row("2026-10-31", 0, 100m)]);
        Assert.True(new FileInfo(a).Length > 128 << 10);
        await using var store = await CostStore.OpenAsync(dir.File("s.db"), TimeProvider.System, CancellationToken.None);
        var result = await FileIngest.LoadAsync(store, [a, copy, longer], null, 0, null, CancellationToken.None);
        Assert.Equal(copy, Assert.Single(result.Skipped).Path);
        Assert.Equal(rows.Count * 2 + 1, result.Lines);
    }
}
