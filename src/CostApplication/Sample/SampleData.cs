using Costs.CostApplication.Reports;
using Costs.CostIngest.Sample;
using Costs.CostModel.Store;

namespace Costs.CostApplication.Sample;

/// <summary>
/// The sample organisation's data, for `demo`, `generate`, tests and benchmarks: its billing export
/// (the same seed gives the same file) and its production cluster's hourly samples.
/// </summary>
public static class SampleData
{
    /// <summary>Writes the billing export (detailed-export JSON lines) atomically; returns the row count.</summary>
    public static Task<long> WriteExportAsync(string path, SampleOptions options, CancellationToken ct) =>
        OutputFile.WriteAsync(path, file => SampleBillingGenerator.Write(file, options), ct);

    /// <summary>Saves an hourly sample of the production cluster for every hour from <paramref name="from"/> up to <paramref name="endExclusive"/>; returns how many.</summary>
    public static async Task<int> SaveClusterSamplesAsync(CostStore store, DateOnly from, DateOnly endExclusive, CancellationToken ct)
    {
        var saved = await store.SaveClusterSamplesAsync(SampleClusterGenerator.Samples(from, endExclusive), ct);
        return saved.Count;
    }

    /// <summary>
    /// Saves the samples of a big organisation's fleet (every cluster, every interval of the days) into the store, as
    /// `costs collect` would have saved them; returns how many samples and pod observations were saved.
    /// </summary>
    public static async Task<(long Samples, long PodSamples)> SaveFleetSamplesAsync(CostStore store, FleetSampleOptions options, CancellationToken ct)
    {
        long samples = 0, podSamples = 0;
        // A day of the fleet's samples a transaction: the save holds each cluster's versions and current hour in memory.
        foreach (var day in SampleFleetSamples.Samples(options).Chunk(options.SamplesPerDay * options.Fleet.Clusters.Count))
        {
            await store.SaveClusterSamplesAsync(day, ct);
            samples += day.Length;
            podSamples += day.Sum(s => (long)s.Pods.Count);
        }
        return (samples, podSamples);
    }
}
