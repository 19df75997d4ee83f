using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Costs.CostReports.Chat;

/// <summary>Renders a <see cref="ChatMessage"/> as the JSON body that each kind of webhook expects.</summary>
public static class ChatPayloads
{
    // The body goes to an HTTP API, never into an HTML page, so '<', '>' and '&' may stay literal in
    // the JSON; the escaping that the formats need is done on the text itself, per format.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(ChannelKind kind, ChatMessage message) => kind switch
    {
        ChannelKind.Slack => SlackPayload.Build(message).ToJsonString(Json),
        ChannelKind.GoogleChat => GoogleChatPayload.Build(message).ToJsonString(Json),
        ChannelKind.Teams => TeamsPayload.Build(message).ToJsonString(Json),
        ChannelKind.Webhook => WebhookPayload.Build(message).ToJsonString(Json),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown channel kind."),
    };

    public static string RenderIndented(ChannelKind kind, ChatMessage message) =>
        JsonNode.Parse(Render(kind, message))!.ToJsonString(new JsonSerializerOptions(Json) { WriteIndented = true });

    internal static string Emoji(string severity) => severity switch
    {
        "critical" => "🔴",
        "warning" => "🟠",
        _ => "🔵",
    };
}

/// <summary>
/// A Slack incoming-webhook message with Block Kit: a header (plain_text, at most 150 characters), a
/// section of mrkdwn text, a section of fields (at most 10), a section with what to do, and a context
/// line with the key. "text" is the notification fallback. Data text is escaped for mrkdwn: &amp; &lt; &gt;.
/// </summary>
public static class SlackPayload
{
    public static JsonObject Build(ChatMessage m)
    {
        var fields = new JsonArray();
        foreach (var f in m.Facts.Take(10))
            fields.Add(Mrkdwn($"*{Escape(f.Label)}*\n{Escape(f.Value)}"));
        return new JsonObject
        {
            ["text"] = Escape($"{m.Title}: {m.What}"),
            ["blocks"] = new JsonArray
            {
                new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate($"{ChatPayloads.Emoji(m.Severity)} {m.Title}", 150), ["emoji"] = true } },
                new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(Truncate(Escape(m.What), 3000)) },
                new JsonObject { ["type"] = "section", ["fields"] = fields },
                new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(Truncate($"*What to do*\n{Escape(m.Action)}", 3000)) },
                new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { Mrkdwn($"{Escape(m.Severity)} · `{Escape(m.Key)}` · Costs") } },
            },
        };
    }

    /// <summary>Slack's three control characters, as its formatting reference asks.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    internal static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>
/// A Google Chat webhook message with one card (cardsV2): cardId, card.header (title, subtitle),
/// sections of widgets: textParagraph and decoratedText (topLabel + text). Card text accepts a small
/// set of HTML tags, so data text is HTML-escaped.
/// </summary>
public static class GoogleChatPayload
{
    public static JsonObject Build(ChatMessage m)
    {
        var facts = new JsonArray();
        foreach (var f in m.Facts)
            facts.Add(new JsonObject { ["decoratedText"] = new JsonObject { ["topLabel"] = Escape(f.Label), ["text"] = Escape(f.Value), ["wrapText"] = true } });
        return new JsonObject
        {
            ["cardsV2"] = new JsonArray
            {
                new JsonObject
                {
                    ["cardId"] = CardId(m.Key),
                    ["card"] = new JsonObject
                    {
                        ["header"] = new JsonObject { ["title"] = Escape(m.Title), ["subtitle"] = Escape($"{m.Severity} · {m.Key}") },
                        ["sections"] = new JsonArray
                        {
                            new JsonObject { ["widgets"] = new JsonArray { Paragraph(Escape(m.What)) } },
                            new JsonObject { ["widgets"] = facts },
                            new JsonObject { ["header"] = "What to do", ["widgets"] = new JsonArray { Paragraph(Escape(m.Action)) } },
                        },
                    },
                },
            },
        };
    }

    /// <summary>HTML escaping of data text: &amp; &lt; &gt; and the double quote.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>The card id: the key with anything but letters, digits, '-' and '_' made '-'.</summary>
    internal static string CardId(string key) =>
        new(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    private static JsonObject Paragraph(string html) => new() { ["textParagraph"] = new JsonObject { ["text"] = html } };
}

/// <summary>
/// A Microsoft Teams message for a Workflows webhook ("When a Teams webhook request is received"):
/// {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
/// "contentUrl":null,"content":{AdaptiveCard 1.4}}]} with TextBlocks and a FactSet. TextBlock text and
/// fact titles and values are Markdown (a CommonMark subset), so data text is escaped for it.
/// </summary>
public static partial class TeamsPayload
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public static JsonObject Build(ChatMessage m)
    {
        var facts = new JsonArray();
        foreach (var f in m.Facts) facts.Add(new JsonObject { ["title"] = Escape(f.Label), ["value"] = Escape(f.Value) });
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = AdaptiveCardContentType,
                    ["contentUrl"] = null,
                    ["content"] = new JsonObject
                    {
                        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                        ["type"] = "AdaptiveCard",
                        ["version"] = "1.4",
                        ["body"] = new JsonArray
                        {
                            Text($"{ChatPayloads.Emoji(m.Severity)} {Escape(m.Title)}", size: "Large", weight: "Bolder"),
                            Text(Escape(m.What)),
                            new JsonObject { ["type"] = "FactSet", ["facts"] = facts },
                            Text("What to do", weight: "Bolder"),
                            Text(Escape(m.Action)),
                            Text(Escape($"{m.Severity} · {m.Key} · Costs"), subtle: true),
                        },
                    },
                },
            },
        };
    }

    /// <summary>
    /// Escapes data text for Adaptive Card Markdown (bold, italic, lists, [links](url), and the
    /// {{DATE()}} functions): each character that opens markup gets a backslash, as CommonMark allows for
    /// any ASCII punctuation, and so does a list marker at the start of a line. Control characters other
    /// than the line feed are dropped. A service named [click here](https://evil.example/login) is
    /// then shown as that text, not as a link.
    /// </summary>
    public static string Escape(string text) => string.Join('\n', text.Split('\n').Select(EscapeLine));

    private static string EscapeLine(string line)
    {
        var marker = ListMarker().Match(line) is { Success: true } m ? m.Index + m.Length - 1 : -1;
        var sb = new StringBuilder(line.Length + 16);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsControl(c)) continue;
            if (i == marker || c is '\\' or '*' or '_' or '[' or ']' or '(' or ')' or '<' or '>' or '`' or '~' or '{' or '}') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>What starts a list item or a heading: "- ", "+ ", "# ", "12. ", after up to three spaces.</summary>
    [GeneratedRegex(@"^ {0,3}([-+#]|[0-9]{1,9}\.)")]
    private static partial Regex ListMarker();

    private static JsonObject Text(string text, string? size = null, string? weight = null, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null) block["size"] = size;
        if (weight is not null) block["weight"] = weight;
        if (subtle) block["isSubtle"] = true;
        return block;
    }
}

/// <summary>A generic JSON webhook: the message's fields as they are, unescaped, for any receiver.</summary>
public static class WebhookPayload
{
    public const int Version = 1;

    public static JsonObject Build(ChatMessage m)
    {
        var facts = new JsonArray();
        foreach (var f in m.Facts) facts.Add(new JsonObject { ["label"] = f.Label, ["value"] = f.Value });
        return new JsonObject
        {
            ["version"] = Version,
            ["source"] = "costs",
            ["key"] = m.Key,
            ["severity"] = m.Severity,
            ["title"] = m.Title,
            ["what"] = m.What,
            ["facts"] = facts,
            ["action"] = m.Action,
        };
    }
}
