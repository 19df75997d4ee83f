namespace Costs.CostModel.Store;

/// <summary>
/// The versions of one kind (nodes, pods or namespaces) of one cluster that its last sample saw, by key (node
/// name, pod UID, namespace name), while samples are saved. A stamp numbers the samples of the save.
/// </summary>
internal sealed class Versions<T> where T : class
{
    private readonly Dictionary<string, Version> _current = new(StringComparer.Ordinal);

    /// <summary>A version read from the store, current as of its last sample.</summary>
    public void Load(string key, long id, T item, string lastSeen) => _current[key] = new Version(id, item, lastSeen) { Written = true };

    /// <summary>
    /// Applies one sample's items: an item equal to its current version extends it, any other starts a version
    /// (<paramref name="insert"/> writes its row and returns the id); versions the sample did not see end (their
    /// last_seen is written through <paramref name="touch"/>). The first of two items with one key wins. Returns how many started.
    /// </summary>
    public int Apply(IReadOnlyList<T> items, Func<T, string> key, Func<T, long> insert, Action<long, string> touch, string takenAt, long stamp)
    {
        var started = 0;
        var seen = 0;
        foreach (var item in items)
        {
            var k = key(item);
            if (_current.TryGetValue(k, out var v))
            {
                if (v.Stamp == stamp) continue;
                if (ReferenceEquals(v.Item, item) || EqualityComparer<T>.Default.Equals(v.Item, item))
                {
                    v.Extend(takenAt, stamp);
                    seen++;
                    continue;
                }
                End(v, touch);
            }
            _current[k] = new Version(insert(item), item, takenAt) { Stamp = stamp, Written = true };
            started++;
            seen++;
        }
        if (seen != _current.Count)
        {
            foreach (var (k, v) in _current.Where(kv => kv.Value.Stamp != stamp).ToList())
            {
                End(v, touch);
                _current.Remove(k);
            }
        }
        return started;
    }

    /// <summary>The version of <paramref name="key"/> that sample <paramref name="stamp"/> saw, or null.</summary>
    public Version? Current(string key, long stamp) => _current.TryGetValue(key, out var v) && v.Stamp == stamp ? v : null;

    /// <summary>Writes the last_seen of every current version whose row does not hold it yet.</summary>
    public void TouchAll(Action<long, string> touch)
    {
        foreach (var v in _current.Values) End(v, touch);
    }

    private static void End(Version v, Action<long, string> touch)
    {
        if (v.Written) return;
        touch(v.Id, v.LastSeen);
        v.Written = true;
    }

    /// <summary>One version: its row id, what it holds, the last sample that saw it and whether its row says so.</summary>
    internal sealed class Version(long id, T item, string lastSeen)
    {
        private long _usageStamp = -1;

        public long Id { get; } = id;
        public T Item { get; } = item;
        public string LastSeen { get; private set; } = lastSeen;
        public long Stamp { get; set; } = -1;
        public bool Written { get; set; }

        public void Extend(string takenAt, long stamp)
        {
            LastSeen = takenAt;
            Stamp = stamp;
            Written = false;
        }

        /// <summary>True the first time a sample's usage reaches this version (a second value for one key is ignored).</summary>
        public bool TakeUsage(long stamp)
        {
            if (_usageStamp == stamp) return false;
            _usageStamp = stamp;
            return true;
        }
    }
}
