using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Text;

namespace Costs.CostIngest.Files;

/// <summary>
/// Values read from UTF-8 bytes, kept by those bytes, so that what repeats on line after line of an export
/// (a service, a SKU, a project, a label set) is decoded once and then shared. Safe from several threads;
/// bounded: emptied when it holds <c>capacity</c> values.
/// </summary>
internal sealed class Utf8Cache<T> where T : class
{
    private readonly ConcurrentDictionary<byte[], T> _items = new(BytesComparer.Instance);
    private readonly ConcurrentDictionary<byte[], T>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;
    private readonly int _capacity;
    private int _count;

    public Utf8Cache(int capacity)
    {
        _capacity = capacity;
        _bySpan = _items.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public bool TryGet(ReadOnlySpan<byte> key, [MaybeNullWhen(false)] out T value) => _bySpan.TryGetValue(key, out value);

    public void Add(ReadOnlySpan<byte> key, T value)
    {
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            _items.Clear();
            Interlocked.Exchange(ref _count, 1);
        }
        _bySpan.TryAdd(key, value);
    }

    /// <summary>Byte arrays compared by content, and looked up by a span without making an array.</summary>
    private sealed class BytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly BytesComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj) => Hash(obj);
        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);
        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> bytes) => unchecked((int)XxHash3.HashToUInt64(bytes));
    }
}

/// <summary>Strings decoded from UTF-8 that is already known to be valid, short ones shared through a <see cref="Utf8Cache{T}"/>.</summary>
internal static class Utf8Strings
{
    /// <summary>
    /// Texts up to this length are shared: a VM's resource path (about 120 bytes) repeats on each of its
    /// lines, and a shared instance lets the store find the line's shape by instance (LineShapes).
    /// </summary>
    private const int MaxSharedBytes = 256;

    private static readonly Utf8Cache<string> Shared = new(16_384);

    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0) return "";
        if (utf8.Length > MaxSharedBytes) return Encoding.UTF8.GetString(utf8);
        if (Shared.TryGet(utf8, out var known)) return known;
        var text = Encoding.UTF8.GetString(utf8);
        Shared.Add(utf8, text);
        return text;
    }
}
