using System.Text.Json.Serialization;

namespace Costs.CostAnalyzer.Commitments;

/// <summary>
/// Resource-based commitments buy whole vCPUs or GiB of one machine family in a region; flexible
/// (spend-based) ones buy an hourly amount of discounted spend in a region, for any eligible family.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommitmentType>))]
public enum CommitmentType
{
    [JsonStringEnumMemberName("resource")] Resource,
    [JsonStringEnumMemberName("flexible")] Flexible,
}

/// <summary>What a resource-based commitment is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommitmentResource>))]
public enum CommitmentResource
{
    [JsonStringEnumMemberName("vcpu")] Vcpu,
    [JsonStringEnumMemberName("memory")] Memory,
}

[JsonConverter(typeof(JsonStringEnumConverter<CommitmentTerm>))]
public enum CommitmentTerm
{
    [JsonStringEnumMemberName("1y")] OneYear,
    [JsonStringEnumMemberName("3y")] ThreeYear,
}

/// <summary>Buy now; wait for more history; or nothing worth buying.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommitmentAdvice>))]
public enum CommitmentAdvice
{
    [JsonStringEnumMemberName("buy")] Buy,
    [JsonStringEnumMemberName("wait")] Wait,
    [JsonStringEnumMemberName("none")] None,
}

/// <summary>Which window of history set a level: the whole lookback, or the recent window when it was lower.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SizingWindow>))]
public enum SizingWindow
{
    [JsonStringEnumMemberName("lookback")] Lookback,
    [JsonStringEnumMemberName("recent")] Recent,
}

public static class CommitmentText
{
    public static string Years(this CommitmentTerm term) => term switch
    {
        CommitmentTerm.OneYear => "1-year",
        CommitmentTerm.ThreeYear => "3-year",
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, "Unknown commitment term."),
    };

    public static int Days(this CommitmentTerm term) => term switch
    {
        CommitmentTerm.OneYear => 365,
        CommitmentTerm.ThreeYear => 1095,
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, "Unknown commitment term."),
    };
}

/// <summary>
/// One pool of usage that commitments compete for: a region, and for resource-based commitments a
/// machine family (as the price catalogue names it: N2, E2, C3…) and a resource. Use
/// <see cref="ForResource"/> or <see cref="ForFlexible"/>; the constructor rejects a mix.
/// </summary>
public sealed record PoolKey
{
    public CommitmentType Type { get; }
    public string Region { get; }
    public string? Family { get; }
    public CommitmentResource? Resource { get; }

    private PoolKey(CommitmentType type, string region, string? family, CommitmentResource? resource)
    {
        if (string.IsNullOrWhiteSpace(region)) throw new ArgumentException("A commitment pool needs a region.", nameof(region));
        if (type == CommitmentType.Resource && (string.IsNullOrWhiteSpace(family) || resource is null))
            throw new ArgumentException($"A resource-based pool in {region} needs a machine family and a resource.", nameof(family));
        (Type, Region, Family, Resource) = (type, region, family, resource);
    }

    public static PoolKey ForResource(string region, string family, CommitmentResource resource) =>
        new(CommitmentType.Resource, region, family, resource);

    public static PoolKey ForFlexible(string region) => new(CommitmentType.Flexible, region, null, null);

    /// <summary>For people: "N2 vCPU in us-central1", "flexible commitments in us-central1".</summary>
    public override string ToString() => Type == CommitmentType.Resource
        ? $"{Family} {(Resource == CommitmentResource.Vcpu ? "vCPU" : "memory")} in {Region}"
        : $"flexible commitments in {Region}";
}
