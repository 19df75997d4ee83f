namespace Costs.CostAnalyzer.Clusters;

/// <summary>
/// One instance for each distinct <see cref="PodRef"/> value. A day of pod-hours holds a few instances per pod
/// (one per version), met hundreds of thousands of times: the value (strings and label sets) is hashed once per
/// instance, and from then on a pod is found by reference, so caches keyed by the canonical instance behave as if
/// keyed by value at the price of a reference lookup.
/// </summary>
internal sealed class PodRefs
{
    private readonly Dictionary<PodRef, PodRef> _byInstance = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PodRef, PodRef> _byValue = [];

    /// <summary>The first instance met that is equal to <paramref name="pod"/>.</summary>
    public PodRef Canonical(PodRef pod)
    {
        if (_byInstance.TryGetValue(pod, out var canonical)) return canonical;
        if (!_byValue.TryGetValue(pod, out canonical)) _byValue[pod] = canonical = pod;
        _byInstance[pod] = canonical;
        return canonical;
    }
}
