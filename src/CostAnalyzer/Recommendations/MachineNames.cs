namespace Costs.CostAnalyzer.Recommendations;

/// <summary>
/// Reads the names Kubernetes and Compute Engine give machines: the family of a machine type as the
/// price catalogue names it (<c>n2-standard-4</c> → <c>N2</c>, <c>n2d-highmem-8</c> → <c>N2D</c>,
/// <c>e2-medium</c> → <c>E2</c>, <c>custom-4-16384</c> → <c>N1</c>), and the region of a zone
/// (<c>europe-west1-b</c> → <c>europe-west1</c>).
/// </summary>
public static class MachineNames
{
    public static string? Family(string? machineType)
    {
        if (string.IsNullOrWhiteSpace(machineType)) return null;
        var first = machineType.Split('-')[0].Trim();
        if (first.Length == 0) return null;
        // A custom machine type without a family prefix is an N1 custom machine.
        return first.Equals("custom", StringComparison.OrdinalIgnoreCase) ? "N1" : first.ToUpperInvariant();
    }

    public static string? Region(string? zone)
    {
        if (string.IsNullOrWhiteSpace(zone)) return null;
        var parts = zone.Split('-');
        // A zone is REGION-LETTER (us-central1-a); a region has two parts (us-central1).
        return parts.Length >= 3 ? string.Join('-', parts[..^1]) : zone;
    }
}
