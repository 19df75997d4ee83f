using System.Globalization;
using System.Text;
using Costs.CostIngest.Files;
using Costs.CostIngest.Sample;
using Costs.CostModel.Billing;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostIngest.Tests.Files;

/// <summary>
/// The fast path against the document reader it stands in for: on every line it reads, it must give the
/// very line <see cref="BigQueryJsonReader.ReadLine"/> gives (every field, decimals with their scale,
/// timestamps with their offset); on any other line it must give up, so that the document reader's error
/// stands. Lines: the fixtures, the generated sample, the hostile corpus, and random mutations of them.
/// </summary>
public class ExportRowFastPathTests
{
    private static readonly string HostileCases = Path.Combine(RepoRoot(), "tests", "hostile", "cases");

    [Fact]
    public void TryRead_FixturesAndSample_EveryGoodRowReadFastAndEqual()
    {
        var lines = FixtureLines().Concat(SampleLines()).ToList();
        var fast = 0;
        foreach (var line in lines)
        {
            var (slow, quick) = BothReaders(line);
            Assert.True(quick is null || slow.Line is not null, $"the fast path read a row the document reader rejects: {Text(line)}");
            if (quick is null) continue;
            Assert.Equal(Describe(slow.Line!), Describe(quick));
            fast++;
        }
        // Every row these files hold is well formed except the deliberately bad ones of bad_rows.jsonl.
        var good = lines.Count(l => BothReaders(l).Slow.Line is not null);
        Assert.Equal(good, fast);
        Assert.True(fast > 1000, $"only {fast} lines compared");
    }

    [Fact]
    public void TryRead_HostileCorpus_EqualOrLeftToTheDocumentReader()
    {
        var compared = 0;
        foreach (var file in Directory.EnumerateFiles(HostileCases, "*.jsonl*"))
        {
            foreach (var line in RawLines(file))
            {
                var (slow, quick) = BothReaders(line);
                if (quick is null) continue;
                Assert.True(slow.Line is not null, $"{Path.GetFileName(file)}: the fast path read a rejected row: {Text(line)}");
                Assert.Equal(Describe(slow.Line!), Describe(quick));
                compared++;
            }
        }
        Assert.True(compared > 0);
    }

    [Theory]
    [InlineData(true, "\"cost\":0.278184", "\"cost\":\"0.278184\"")]            // NUMERIC as a string
    [InlineData(true, "\"cost\":0.278184", "\"cost\":2.78184e-01")]              // an exponent
    [InlineData(true, "\"cost\":0.278184", "\"cost\":0.30000000000000004")]     // FLOAT noise, rounded to 9 places
    [InlineData(true, "\"cost\":0.278184", "\"cost\":-0.0000000005")]           // rounds away from zero
    [InlineData(true, "\"usage_start_time\":\"2026-10-27 00:00:00 UTC\"", "\"usage_start_time\":\"2026-10-27 00:00:00.5 UTC\"")]
    [InlineData(false, "\"usage_start_time\":\"2026-10-27 00:00:00 UTC\"", "\"usage_start_time\":\"2026-10-27T00:00:00Z\"")]
    [InlineData(false, "\"usage_start_time\":\"2026-10-27 00:00:00 UTC\"", "\"usage_start_time\":\"2026-10-27 00:00:00.1234567 UTC\"")]
    [InlineData(false, "\"cost\":0.278184", "\"cost\":0.278184,\"cost\":1")]     // a repeated field: the last one counts
    [InlineData(false, "\"cost\":0.278184", "\"co\\u0073t\":0.278184")]         // an escaped field name
    [InlineData(true, "\"currency\":\"USD\"", "\"currency\":\"US\\u0044\"")]  // an escaped value
    [InlineData(false, "\"value\":\"prod-eu\"", "\"value\":\"\\ud800\"")]       // half a surrogate pair
    [InlineData(false, "\"value\":\"prod-eu\"", "\"value\":7")]                 // a number where text goes
    [InlineData(true, "\"credits\":[", "\"credits\":[{\"amount\":-1,\"type\":\"\",\"name\":\"Old\"},")] // a credit with a name only
    [InlineData(false, "\"invoice\":{\"month\":\"202610\"}", "\"invoice\":\"202610\"")]
    [InlineData(true, "\"system_labels\":[]", "\"system_labels\":null")]
    [InlineData(true, "\"cost_type\":\"regular\"", "\"cost_type\":\"tax\",\"consumption_model\":{\"description\":\"d\",\"id\":null}")]
    public void TryRead_EdgeOfARealRow_EqualOrLeftToTheDocumentReader(bool readFast, string find, string replace)
    {
        var original = SampleLines().First(l => Text(l).Contains(find, StringComparison.Ordinal));
        var line = Encoding.UTF8.GetBytes(Text(original).Replace(find, replace, StringComparison.Ordinal));
        Assert.Equal(readFast, AssertAgree(line));
    }

    [Fact]
    public void TryRead_MutatedRealRows_EqualOrLeftToTheDocumentReader()
    {
        var lines = FixtureLines().Concat(SampleLines().Take(400)).Where(l => l.Length > 0).ToArray();
        var gen = from line in Gen.Elements(lines)
                  from count in Gen.Choose(1, 4)
                  from edits in Mutation().ArrayOf(count)
                  select edits.Aggregate(line, (l, edit) => edit(l));
        var readFast = 0;
        Prop.ForAll(gen.ToArbitrary(), line =>
        {
            if (AssertAgree(line)) Interlocked.Increment(ref readFast);
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
        // Most mutations break a row, but enough leave one readable for the comparison to mean something.
        Assert.InRange(readFast, 150, 2850);
    }

    /// <summary>Tokens that change a JSON line's meaning, kind or validity where they land.</summary>
    private static readonly string[] Snippets =
    [
        "\"", "\\", "\\u0041", "\\ud800", "null", "true", "1e400", "-", ".", "e5", "0", "9", " ", "\t", ",", ":", "{", "}",
        "[", "]", "[]", "{}", "\"cost\":1,", "\"currency\":\"EUR\",", "\"labels\":[{\"key\":\"a\",\"value\":\"b\"}],",
        "\"usage_start_time\":\"2026-02-30 00:00:00 UTC\",", " UTC", "é", "\u00a0", "\u2028",
    ];

    private static Gen<Func<byte[], byte[]>> Mutation() => Gen.OneOf(
        from at in Gen.Choose(0, 100_000)
        from snippet in Gen.Elements(Snippets)
        select (Func<byte[], byte[]>)(l => Splice(l, at % (l.Length + 1), 0, Encoding.UTF8.GetBytes(snippet))),
        from at in Gen.Choose(0, 100_000)
        from length in Gen.Choose(1, 12)
        select (Func<byte[], byte[]>)(l => Splice(l, at % (l.Length + 1), length, [])),
        from at in Gen.Choose(0, 100_000)
        from digit in Gen.Choose('0', '9')
        select (Func<byte[], byte[]>)(l => Replace(l, at, b => char.IsAsciiDigit((char)b) ? (byte)digit : b)),
        from at in Gen.Choose(0, 100_000)
        from value in Gen.Choose(0, 255)
        select (Func<byte[], byte[]>)(l => Replace(l, at, _ => (byte)value)));

    private static byte[] Splice(byte[] line, int at, int remove, byte[] insert)
    {
        remove = Math.Min(remove, line.Length - at);
        return [.. line.AsSpan(0, at), .. insert, .. line.AsSpan(at + remove)];
    }

    private static byte[] Replace(byte[] line, int at, Func<byte, byte> change)
    {
        if (line.Length == 0) return line;
        var copy = line.ToArray();
        copy[at % copy.Length] = change(copy[at % copy.Length]);
        return copy;
    }

    /// <summary>Asserts that the fast path gave up or read what the document reader reads; returns whether it read the line.</summary>
    private static bool AssertAgree(byte[] line)
    {
        var (slow, quick) = BothReaders(line);
        if (quick is null) return false;
        Assert.True(slow.Line is not null, $"the fast path read a row the document reader rejects ({slow.Error}): {Text(line)}");
        Assert.Equal(Describe(slow.Line!), Describe(quick));
        return true;
    }

    /// <summary>The document reader's row (for valid UTF-8) and the fast path's line (null when it gave up).</summary>
    private static (FileRow Slow, BillingLine? Quick) BothReaders(byte[] line)
    {
        if (!System.Text.Unicode.Utf8.IsValid(line)) return (new FileRow(null, null), null);
        var slow = BigQueryJsonReader.ReadLine(Text(line), "f.jsonl", 7);
        return (slow, ExportRowFastPath.TryRead(line, "f.jsonl", 7));
    }

    private static string Text(byte[] line) => Encoding.UTF8.GetString(line);

    /// <summary>Every property of a line, decimals with their scale and instants with their offset.</summary>
    private static string Describe(BillingLine line) => string.Join("\n", typeof(BillingLine).GetProperties()
        .Select(p => $"{p.Name}={Format(p.GetValue(line))}"));

    private static string Format(object? value) => value switch
    {
        null => "(null)",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        Credit c => $"{c.Type.Name}/{c.Type.IsKnown}/{Format(c.Amount)}/{c.Name}/{c.FullName}/{c.Id}",
        IEnumerable<Credit> credits => "[" + string.Join(";", credits.Select(Format)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static IEnumerable<byte[]> FixtureLines() =>
        Directory.EnumerateFiles(Fixtures.Path(""), "*.jsonl").Order().SelectMany(RawLines);

    private static IEnumerable<byte[]> SampleLines() => Sample.Value;

    private static readonly Lazy<List<byte[]>> Sample = new(GenerateSample);

    private static List<byte[]> GenerateSample()
    {
        var options = new SampleOptions(new DateOnly(2026, 10, 27), new DateOnly(2026, 10, 28), ServiceCount: 40)
            { Fleet = SampleFleet.Create(3, 20) };
        using var output = new MemoryStream();
        SampleBillingGenerator.Write(output, options);
        return Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Encoding.UTF8.GetBytes).ToList();
    }

    /// <summary>A file's lines as the reader sees them: raw bytes, decompressed, without line ends.</summary>
    private static List<byte[]> RawLines(string path)
    {
        var lines = new List<byte[]>();
        try
        {
            foreach (var batch in TextLines.ReadBatchesAsync(path, 64, CancellationToken.None).ToBlockingEnumerable())
            {
                using (batch)
                {
                    for (var i = 0; i < batch.Count; i++)
                        if (!batch.TooLong(i)) lines.Add(batch.Bytes(i).ToArray());
                }
            }
        }
        catch (Exception e) when (e is IOException or BadFileException or InvalidDataException)
        {
            // A damaged or UTF-16 file: the lines before the damage are what a load reads.
        }
        return lines;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Costs.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Costs.sln not found above the test binaries.");
    }
}
