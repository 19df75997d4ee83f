using System.Globalization;
using Spectre.Console;

namespace Costs.Cli;

/// <summary>Screen output: Spectre tables on the verb's own output writer, and money as text.</summary>
internal static class Terminal
{
    public static IAnsiConsole Console(CliEnvironment env) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(env.Out),
        Ansi = env.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = env.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    /// <summary>An amount for people: two decimals with thousands separators and the currency code.</summary>
    public static string Money(decimal amount, string currency) =>
        amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + currency;

    public static string Amount(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
