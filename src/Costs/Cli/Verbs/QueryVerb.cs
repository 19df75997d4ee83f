using System.CommandLine;
using Costs.CostApplication.Query;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Costs.CostModel.Allocation;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Spectre.Console;

namespace Costs.Cli.Verbs;

/// <summary>`costs query --by DIM[,DIM...]`: cost grouped by dimensions, adding up exactly to the bill.</summary>
internal static class QueryVerb
{
    public static Command Create(CliEnvironment env)
    {
        var by = new Option<string>("--by")
        {
            Description = "Dimensions, comma-separated: " + string.Join(", ", GroupDimensions.AllNames) + ".",
            Required = true,
        };
        var from = DayOption.Create("--from", "First usage day (yyyy-MM-dd). Default: the first in the store.");
        var to = DayOption.Create("--to", "Last usage day (yyyy-MM-dd), inclusive. Default: the last in the store.");
        var format = new Option<string>("--format") { Description = "table, csv or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var currency = new Option<string?>("--currency") { Description = "The billing currency to report, when the store holds more than one." };
        var fixedAmounts = new Option<bool>("--fixed")
        {
            Description = "Show the fixed monthly amounts of Allocation:Shared (a support contract, a licence: kind 'fixed') " +
                "instead of the bill. They are not on the bill, so they are never added to its total.",
        };
        var command = new Command("query", "Show cost grouped by dimensions. Rows add up exactly to the total, and the total to the bill.")
        {
            by, from, to, format, currency, fixedAmounts,
        };
        command.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async context =>
        {
            IReadOnlyList<GroupDimension> dims;
            try
            {
                dims = parse.GetValue(by)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(GroupDimensions.Parse).ToList();
            }
            catch (FormatException ex)
            {
                throw new CliException(ExitCodes.Usage, ex.Message, ex);
            }
            if (dims.Count == 0) throw new CliException(ExitCodes.Usage, "--by needs at least one dimension.");
            var range = DateRange.Between(parse.GetValue(from), parse.GetValue(to));
            var result = await (await context.App.QueryAsync(ct)).RunAsync(dims, range, parse.GetValue(currency), parse.GetValue(fixedAmounts), ct);
            switch (parse.GetValue(format))
            {
                case "json": await context.Out.WriteLineAsync(Json(result)); break;
                case "csv": await context.Out.WriteAsync(Csv(result)); break;
                default: Table(context.Environment, result); break;
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static string Json(QueryResult r)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("currency", r.Currency);
            WriteDay(w, "from", r.From);
            WriteDay(w, "to", r.To);
            w.WriteStartArray("rows");
            foreach (var g in r.Groups)
            {
                w.WriteStartObject();
                for (var i = 0; i < r.By.Count; i++)
                {
                    if (g.Values[i] is { } v) w.WriteString(r.By[i].ToText(), v);
                    else w.WriteNull(r.By[i].ToText());
                }
                WriteTotals(w, g.Totals);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("total");
            WriteTotals(w, r.Total);
            w.WriteEndObject();
            w.WriteBoolean("fixedAmounts", r.FixedAmounts);
            if (!r.FixedAmounts)
            {
                w.WriteStartObject("fixedNotOnTheBill");
                WriteTotals(w, r.FixedTotal);
                w.WriteEndObject();
            }
            WriteRejected(w, "rejected", r.Rejected);
            WriteRejected(w, "rejectedWithoutDay", r.RejectedWithoutDay);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteDay(Utf8JsonWriter w, string name, DateOnly? day)
    {
        if (day is { } d) w.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        else w.WriteNull(name);
    }

    /// <summary>Rejected rows: their count, the amounts read from them per currency, and how many had none.</summary>
    private static void WriteRejected(Utf8JsonWriter w, string name, RejectedRows rejected)
    {
        w.WriteStartObject(name);
        w.WriteNumber("rows", rejected.Count);
        w.WriteNumber("withoutAmount", rejected.WithoutAmount);
        w.WriteStartArray("amounts");
        foreach (var a in rejected.Amounts)
        {
            w.WriteStartObject();
            w.WriteString("currency", a.Currency.Code);
            w.WriteNumber("amount", a.Amount);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter w, CostTotals t)
    {
        w.WriteNumber("cost", t.Cost);
        w.WriteNumber("credits", t.Credits);
        w.WriteNumber("net", t.Net);
    }

    internal static string Csv(QueryResult r)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', r.By.Select(d => d.ToText()).Concat(["currency", "cost", "credits", "net"])).Append('\n');
        foreach (var g in r.Groups)
        {
            sb.AppendJoin(',', g.Values.Select(v => OutputText.CsvCell(v ?? "")).Concat([r.Currency,
                g.Totals.Cost.ToString(CultureInfo.InvariantCulture), g.Totals.Credits.ToString(CultureInfo.InvariantCulture),
                g.Totals.Net.ToString(CultureInfo.InvariantCulture)])).Append('\n');
        }
        AppendRejected(sb, r, r.Rejected, "rejected rows");
        AppendRejected(sb, r, r.RejectedWithoutDay, "rejected rows with no readable day");
        return sb.ToString();
    }

    /// <summary>
    /// Rows after the groups when rows were rejected: the count in the first dimension's cell, and the amounts
    /// read from them as cost (one row per currency they are in; credits and net are unknown).
    /// </summary>
    private static void AppendRejected(StringBuilder sb, QueryResult r, RejectedRows rejected, string what)
    {
        if (rejected.Count == 0) return;
        var currencies = rejected.Amounts.Select(a => a.Currency.Code).Append(r.Currency).Distinct().ToList();
        foreach (var code in currencies)
        {
            var label = $"({what}: {rejected.Count}" + (rejected.WithoutAmount > 0 ? $", {rejected.WithoutAmount} without a readable amount)" : ")");
            var amount = rejected.Amounts.Where(a => a.Currency.Code == code).Sum(a => a.Amount);
            sb.AppendJoin(',', r.By.Select((_, i) => i == 0 ? OutputText.CsvCell(label) : "")
                .Concat([code, amount.ToString(CultureInfo.InvariantCulture), "", ""])).Append('\n');
        }
    }

    private static void Table(CliEnvironment env, QueryResult r)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var d in r.By) table.AddColumn(new TableColumn(d.ToText()));
        table.AddColumn(new TableColumn("cost").RightAligned());
        table.AddColumn(new TableColumn("credits").RightAligned());
        table.AddColumn(new TableColumn("net " + r.Currency).RightAligned());
        table.AddColumn(new TableColumn("share").RightAligned());
        foreach (var g in r.Groups)
        {
            var cells = g.Values.Select(v => Markup.Escape(OutputText.Terminal(v ?? "(none)"))).ToList();
            cells.Add(Terminal.Amount(g.Totals.Cost));
            cells.Add(Terminal.Amount(g.Totals.Credits));
            cells.Add(Terminal.Amount(g.Totals.Net));
            cells.Add(r.Total.Net == 0m ? "" : (g.Totals.Net / r.Total.Net).ToString("P1", CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }
        var footer = r.By.Select((_, i) => i == 0 ? "[bold]total[/]" : "").ToList();
        footer.Add(Terminal.Amount(r.Total.Cost));
        footer.Add(Terminal.Amount(r.Total.Credits));
        footer.Add("[bold]" + Terminal.Amount(r.Total.Net) + "[/]");
        footer.Add("");
        table.AddRow(footer.ToArray());
        var days = r.From is null ? "no days with rows" : $"{r.From:yyyy-MM-dd} to {r.To:yyyy-MM-dd}";
        table.Caption($"{days}, {r.Currency}; (none) = not attributed"
            + (r.FixedAmounts ? "; fixed monthly amounts, not on the bill" : ""));
        var console = Terminal.Console(env);
        console.Write(table);
        if (!r.FixedAmounts && r.FixedTotal != default)
            console.WriteLine($"Not on the bill and not in this total: fixed monthly amounts of {Terminal.Amount(r.FixedTotal.Net)} {r.Currency} " +
                "(Allocation:Shared); `--fixed` shows them.");
        console.WriteLine(RejectedLine(r));
    }

    /// <summary>The line under the table: the range's rejected rows, which no figure above includes.</summary>
    internal static string RejectedLine(QueryResult r)
    {
        var line = r.Rejected.Count == 0
            ? "Rejected rows in this range: none."
            : $"Rejected rows in this range, not in the figures above: {r.Rejected.Describe()}.";
        if (r.RejectedWithoutDay.Count > 0) line += $" With no readable usage day: {r.RejectedWithoutDay.Describe()}.";
        if (r.Rejected.Count + r.RejectedWithoutDay.Count > 0) line += " They are listed in the store's reject table.";
        return line;
    }
}
