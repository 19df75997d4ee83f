using System.CommandLine;

namespace Costs.Cli.Verbs;

/// <summary>`costs ingest`: the group of billing sources. Each source is a sub-verb.</summary>
internal static class IngestVerb
{
    public static Command Create(CliEnvironment env)
    {
        var ingest = new Command("ingest", "Load billing data into the store, replacing whole days, then analyze those days.");
        ingest.Subcommands.Add(IngestFileVerb.Create(env));
        ingest.Subcommands.Add(IngestBigQueryVerb.Create(env));
        return ingest;
    }
}
