using System.Collections;
using System.Text;
using System.Text.Json;

namespace Costs.CostModel.Billing;

/// <summary>
/// An immutable set of key/value labels, ordered by key (ordinal), so that two equal sets have one
/// canonical JSON text. Keys are unique; a repeated key keeps its last value.
/// </summary>
public sealed class Labels : IReadOnlyDictionary<string, string>, IEquatable<Labels>
{
    private readonly SortedDictionary<string, string> _items;
    private string? _json;
    private int? _hash;

    public static Labels Empty { get; } = new(new SortedDictionary<string, string>(StringComparer.Ordinal));

    private Labels(SortedDictionary<string, string> items) => _items = items;

    public static Labels From(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var d = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in pairs) d[k] = v;
        return d.Count == 0 ? Empty : new Labels(d);
    }

    public static Labels Of(params (string Key, string Value)[] pairs) =>
        From(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    /// <summary>The canonical JSON object text: <c>{"a":"1","b":"2"}</c> (made once: the set never changes).</summary>
    public string ToJson() => _json ??= Json();

    private string Json()
    {
        if (_items.Count == 0) return "{}";
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            foreach (var (k, v) in _items) w.WriteString(k, v);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static Labels FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "{}") return Empty;
        using var doc = JsonDocument.Parse(json);
        return From(doc.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? "")));
    }

    public string this[string key] => _items[key];
    public IEnumerable<string> Keys => _items.Keys;
    public IEnumerable<string> Values => _items.Values;
    public int Count => _items.Count;
    public bool ContainsKey(string key) => _items.ContainsKey(key);
    public bool TryGetValue(string key, out string value) => _items.TryGetValue(key, out value!);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Labels? other) => other is not null && (ReferenceEquals(this, other) || ToJson() == other.ToJson());
    public override bool Equals(object? obj) => Equals(obj as Labels);

    /// <summary>The hash of the canonical JSON, made once: a pod's labels key the allocation's dictionaries per pod-hour.</summary>
    public override int GetHashCode() => _hash ??= ToJson().GetHashCode(StringComparison.Ordinal);
    public override string ToString() => ToJson();
}
