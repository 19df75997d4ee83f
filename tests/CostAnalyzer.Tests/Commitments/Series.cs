namespace Costs.CostAnalyzer.Tests.Commitments;

/// <summary>Hourly usage shapes for the tests, all deterministic.</summary>
internal static class Series
{
    public static decimal[] Flat(int days, decimal level) => Enumerable.Repeat(level, days * 24).ToArray();

    /// <summary>Nights (0–11 h) at <paramref name="night"/>, days (12–19 h) at <paramref name="day"/>, evenings (20–23 h) at <paramref name="peak"/>.</summary>
    public static decimal[] DailyCycle(int days, decimal night, decimal day, decimal peak) =>
        Enumerable.Range(0, days * 24).Select(h => (h % 24) switch { < 12 => night, < 20 => day, _ => peak }).ToArray();

    /// <summary><paramref name="before"/> until day <paramref name="stepDay"/>, then <paramref name="after"/>.</summary>
    public static decimal[] Step(int days, int stepDay, decimal before, decimal after) =>
        Enumerable.Range(0, days * 24).Select(h => h < stepDay * 24 ? before : after).ToArray();

    /// <summary>A base with a spike of <paramref name="spike"/> one hour in <paramref name="every"/>.</summary>
    public static decimal[] Spiky(int days, decimal baseLevel, decimal spike, int every) =>
        Enumerable.Range(0, days * 24).Select(h => h % every == 5 ? spike : baseLevel).ToArray();

    /// <summary>A straight line from <paramref name="from"/> to <paramref name="to"/>, to one decimal.</summary>
    public static decimal[] Ramp(int days, decimal from, decimal to)
    {
        var n = days * 24;
        return Enumerable.Range(0, n).Select(h => Math.Round(from + (to - from) * h / (n - 1), 1)).ToArray();
    }

    public static decimal[] Plus(this decimal[] a, decimal[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    /// <summary>The five shapes the oracle is checked on, by name.</summary>
    public static decimal[] Named(string name) => name switch
    {
        "flat" => Flat(30, 12m),
        "daily-cycle" => DailyCycle(30, 16m, 40m, 64m),
        "step-up" => Step(30, 20, 10m, 25.5m),
        "step-down" => Step(30, 20, 25.5m, 10m),
        "spiky" => Spiky(30, 3.25m, 90m, 7),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such series."),
    };
}

/// <summary>
/// The brute-force oracle: cost(C) = C·p_c·H + p_o·Σ max(0, u_h − offset − C) written out, evaluated at
/// every level of the grid from the floor to past the peak; the first minimum wins (ties go to the lower).
/// </summary>
internal static class Oracle
{
    public static decimal Cost(decimal[] usage, decimal level, decimal onDemand, decimal commitment, decimal offset = 0m)
    {
        var onDemandUnits = 0m;
        var covered = offset + level;
        for (var h = 0; h < usage.Length; h++)
        {
            if (usage[h] > covered) onDemandUnits += usage[h] - covered;
        }
        return level * commitment * usage.Length + onDemand * onDemandUnits;
    }

    public static (decimal Level, decimal Cost) Best(decimal[] usage, decimal onDemand, decimal commitment,
        decimal offset = 0m, decimal minimum = 0m)
    {
        var top = Math.Ceiling(usage.Max()) + 1m;
        var best = (Level: minimum, Cost: Cost(usage, minimum, onDemand, commitment, offset));
        for (var level = minimum + 1m; level <= Math.Max(top, minimum + 1m); level++)
        {
            var cost = Cost(usage, level, onDemand, commitment, offset);
            if (cost < best.Cost) best = (level, cost);
        }
        return best;
    }
}
