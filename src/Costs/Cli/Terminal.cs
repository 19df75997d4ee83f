using System.Globalization;
using Spectre.Console;

namespace Costs.Cli;

/// <summary>Screen output: Spectre tables on the verb's own output writer, and money as text.</summary>
internal static class Terminal
{
    public static IAnsiConsole Console(CliEnvironment env)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(env.Out),
            Ansi = env.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = env.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Piped into a file or another program there is no screen to fit: never wrap cells at 80 columns.
        if (!env.IsTerminal) console.Profile.Width = 400;
        return console;
    }

    /// <summary>An amount for people: two decimals with thousands separators and the currency code.</summary>
    public static string Money(decimal amount, string currency) =>
        amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + currency;

    public static string Amount(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
