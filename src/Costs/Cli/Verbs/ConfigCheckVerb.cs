using System.CommandLine;

namespace Costs.Cli.Verbs;

/// <summary>`costs config check`: validates every section this build knows, naming each error by its path.</summary>
internal static class ConfigCheckVerb
{
    public static Command Create(CliEnvironment env)
    {
        var config = new Command("config", "Work with the configuration.");
        var check = new Command("check", "Validate the configuration (alerts, e-mail, delivery, schedules, secrets) and name each error by its path.");
        check.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async ctx =>
        {
            var errors = ctx.Settings.Check();
            if (errors.Count == 0)
            {
                await ctx.Out.WriteLineAsync("The configuration is valid.");
                return ExitCodes.Ok;
            }
            foreach (var e in errors) await ctx.Error.WriteLineAsync($"error: {e}");
            await ctx.Error.WriteLineAsync($"costs: {errors.Count} configuration error(s).");
            ct.ThrowIfCancellationRequested();
            return ExitCodes.Usage;
        }));
        config.Subcommands.Add(check);
        return config;
    }
}
