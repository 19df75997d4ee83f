namespace Costs.CostAnalyzer.Commitments;

/// <summary>
/// The cost of one pool over a window of H hours as a function of the level C of one commitment term
/// sitting on top of <c>offset</c> units that are already committed:
/// <code>cost(C) = C·p_c·H + p_o·Σ_h max(0, u_h − offset − C)</code>
/// with usage u_h, on-demand price p_o and commitment price p_c. For a flexible pool the level is
/// discounted spend, which covers 1 ÷ (1 − d) of on-demand spend per unit.
/// <para>
/// Exact: every quantity is kept in commitment units (usage × <see cref="TermPrice.LevelPerUsage"/>),
/// where cost·LevelPerUsage = C·p_c·k·H + p_o·Σ max(0, k·u_h − k·offset − C) needs no division. Levels
/// are multiples of a grid (a whole vCPU or GiB, a cent of hourly commitment). The optimum is found
/// from the quantile, not by trying every level: the right slope of the cost, p_c·k·H − p_o·#{x_h &gt; C},
/// grows with C, so the least continuous minimiser t is 0 or the least x_h where
/// p_o·#{x &gt; t} ≤ p_c·k·H, i.e. where the share of hours above t is at most p_c·k/p_o = 1 − d. The cost
/// is convex, so the best level on the grid is the grid point just below t or just above it; ties go
/// to the lower.
/// </para>
/// </summary>
public sealed class CostCurve
{
    private readonly decimal[] _x;       // usage above the offset, in commitment units, ascending
    private readonly decimal[] _suffix;  // _suffix[i] = Σ_{j ≥ i} _x[j]
    private readonly decimal _k;
    private readonly decimal _fee;
    private readonly decimal _onDemand;

    /// <param name="usage">u_h, in usage units (vCPU, GiB, on-demand spend per hour); not negative.</param>
    /// <param name="offset">Usage units already covered beneath this term's level.</param>
    /// <param name="onDemand">p_o per usage unit and hour.</param>
    /// <param name="price">This term's fee per commitment unit and hour, and commitment units per usage unit.</param>
    /// <param name="grid">The step between levels, in commitment units.</param>
    public CostCurve(IReadOnlyList<decimal> usage, decimal offset, decimal onDemand, TermPrice price, decimal grid)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(price);
        if (usage.Count == 0) throw new ArgumentException("A cost curve needs at least one hour of usage.", nameof(usage));
        if (offset < 0m) throw new ArgumentOutOfRangeException(nameof(offset), offset, "An offset is not negative.");
        if (onDemand <= 0m) throw new ArgumentOutOfRangeException(nameof(onDemand), onDemand, "An on-demand price is above 0.");
        if (grid <= 0m) throw new ArgumentOutOfRangeException(nameof(grid), grid, "A grid step is above 0.");
        (_k, _fee, _onDemand, Grid) = (price.LevelPerUsage, price.Fee, onDemand, grid);
        var kOffset = _k * offset;
        _x = new decimal[usage.Count];
        for (var h = 0; h < usage.Count; h++)
        {
            if (usage[h] < 0m) throw new ArgumentException($"Usage of hour {h} is negative ({usage[h]}).", nameof(usage));
            _x[h] = Math.Max(0m, _k * usage[h] - kOffset);
        }
        Array.Sort(_x);
        _suffix = new decimal[_x.Length + 1];
        for (var i = _x.Length - 1; i >= 0; i--) _suffix[i] = _suffix[i + 1] + _x[i];
    }

    public int Hours => _x.Length;
    public decimal Grid { get; }

    /// <summary>The least level at which no hour is left on demand, on the grid.</summary>
    public decimal MaxLevel => CeilGrid(_x[^1]);

    /// <summary>Σ_h of the usage above the offset, in commitment units.</summary>
    public decimal Usage => _suffix[0];

    /// <summary>What the window costs at <paramref name="level"/>: commitment fees plus on-demand above it (not the offset's fees).</summary>
    public decimal Cost(decimal level) => _k == 1m ? Scaled(level) : Scaled(level) / _k;

    /// <summary>Σ_h min(usage above the offset, level), in commitment units: what the level covers.</summary>
    public decimal Covered(decimal level) => _suffix[0] - Above(level);

    /// <summary>Covered ÷ (level × H): the share of the level that is used; 0 for level 0.</summary>
    public decimal Utilisation(decimal level) => level <= 0m ? 0m : Covered(level) / (level * Hours);

    /// <summary>
    /// The cheapest level on the grid that is at least <paramref name="minimum"/> (an existing commitment
    /// that cannot be sold back); ties go to the lower level.
    /// </summary>
    public decimal Optimum(decimal minimum = 0m)
    {
        var t = LeastMinimiser();
        var lo = Math.Max(minimum, FloorGrid(t));
        var hi = Math.Max(minimum, CeilGrid(t));
        return Scaled(hi) < Scaled(lo) ? hi : lo;
    }

    /// <summary>The least t in {0} ∪ {x_h} with p_o·#{x &gt; t} ≤ p_c·k·H.</summary>
    private decimal LeastMinimiser()
    {
        var allowed = _fee * _k * Hours;
        var t = 0m;
        var i = UpperBound(0m);
        while (_onDemand * (_x.Length - i) > allowed)
        {
            t = _x[i];
            i = UpperBound(t);
        }
        return t;
    }

    private decimal Scaled(decimal level) => _fee * _k * level * Hours + _onDemand * Above(level);

    /// <summary>Σ_h max(0, x_h − level).</summary>
    private decimal Above(decimal level)
    {
        if (level < 0m) throw new ArgumentOutOfRangeException(nameof(level), level, "A level is not negative.");
        var i = UpperBound(level);
        return _suffix[i] - level * (_x.Length - i);
    }

    /// <summary>The first index whose value is greater than <paramref name="v"/>.</summary>
    private int UpperBound(decimal v)
    {
        int lo = 0, hi = _x.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_x[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private decimal FloorGrid(decimal v) => Math.Floor(v / Grid) * Grid;
    private decimal CeilGrid(decimal v) => Math.Ceiling(v / Grid) * Grid;
}
