using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Costs.CostReports.Tests.Chat;

/// <summary>
/// Checks a JSON body against the documented shape of each product (sources in README.md here).
/// Returns the problems found; empty when the body is well formed. Used by the payload tests and by
/// the loopback receivers, which answer 400 to a malformed body as the real services do.
/// </summary>
internal static partial class PayloadShapes
{
    public static IReadOnlyList<string> Slack(JsonNode? body)
    {
        var p = new List<string>();
        if (body?["text"] is not JsonValue) p.Add("text (fallback) is missing");
        if (body?["blocks"] is not JsonArray blocks || blocks.Count is 0 or > 50) { p.Add("blocks must be an array of 1 to 50"); return p; }
        foreach (var b in blocks)
        {
            var type = (string?)b?["type"];
            switch (type)
            {
                case "header":
                    if ((string?)b!["text"]?["type"] != "plain_text") p.Add("header.text must be plain_text");
                    if (((string?)b["text"]?["text"])?.Length is null or > 150) p.Add("header.text.text must be 1 to 150 characters");
                    break;
                case "section":
                    if (b!["text"] is null && b["fields"] is null) p.Add("section needs text or fields");
                    if (b["text"] is { } t && !IsText(t, 3000)) p.Add("section.text must be a text object up to 3000");
                    if (b["fields"] is JsonArray f && (f.Count > 10 || f.Any(x => !IsText(x, 2000)))) p.Add("section.fields: up to 10 text objects of up to 2000");
                    break;
                case "context":
                    if (b!["elements"] is not JsonArray e || e.Count is 0 or > 10 || e.Any(x => !IsText(x, 3000))) p.Add("context.elements: 1 to 10 text objects");
                    break;
                default:
                    p.Add($"unexpected block type '{type}'");
                    break;
            }
        }
        return p;
    }

    private static bool IsText(JsonNode? t, int max) =>
        (string?)t?["type"] is "mrkdwn" or "plain_text" && ((string?)t["text"])?.Length is > 0 && ((string?)t["text"])!.Length <= max;

    public static IReadOnlyList<string> GoogleChat(JsonNode? body)
    {
        var p = new List<string>();
        if (body?["cardsV2"] is not JsonArray cards || cards.Count == 0) { p.Add("cardsV2 must be a non-empty array"); return p; }
        foreach (var c in cards)
        {
            if ((string?)c?["cardId"] is not { Length: > 0 } id || !CardId().IsMatch(id)) p.Add("cardId must be a non-empty id");
            var card = c?["card"];
            if ((string?)card?["header"]?["title"] is not { Length: > 0 }) p.Add("card.header.title is required");
            if (card?["sections"] is not JsonArray sections || sections.Count == 0) { p.Add("card.sections must be a non-empty array"); continue; }
            foreach (var s in sections)
            {
                if (s?["widgets"] is not JsonArray widgets || widgets.Count == 0) { p.Add("section.widgets must be a non-empty array"); continue; }
                foreach (var w in widgets)
                {
                    var o = w as JsonObject;
                    if (o is null || o.Count != 1) { p.Add("a widget must hold exactly one widget type"); continue; }
                    var (kind, value) = o.First();
                    if (kind == "textParagraph" && (string?)value?["text"] is null) p.Add("textParagraph.text is required");
                    else if (kind == "decoratedText" && (string?)value?["text"] is null) p.Add("decoratedText.text is required");
                    else if (kind is not ("textParagraph" or "decoratedText")) p.Add($"unexpected widget '{kind}'");
                }
            }
        }
        return p;
    }

    public static IReadOnlyList<string> Teams(JsonNode? body)
    {
        var p = new List<string>();
        if ((string?)body?["type"] != "message") p.Add("type must be 'message'");
        if (body?["attachments"] is not JsonArray atts || atts.Count == 0) { p.Add("attachments must be a non-empty array"); return p; }
        foreach (var a in atts)
        {
            if ((string?)a?["contentType"] != "application/vnd.microsoft.card.adaptive") p.Add("contentType must be application/vnd.microsoft.card.adaptive");
            var content = a?["content"];
            if ((string?)content?["type"] != "AdaptiveCard") p.Add("content.type must be AdaptiveCard");
            if ((string?)content?["version"] is not ("1.4" or "1.5")) p.Add("content.version must be 1.4 or 1.5");
            if (content?["body"] is not JsonArray items || items.Count == 0) { p.Add("content.body must be a non-empty array"); continue; }
            foreach (var i in items)
            {
                var type = (string?)i?["type"];
                if (type == "TextBlock" && (string?)i!["text"] is null) p.Add("TextBlock.text is required");
                else if (type == "FactSet" && (i!["facts"] is not JsonArray facts || facts.Any(f => (string?)f?["title"] is null || (string?)f?["value"] is null))) p.Add("FactSet.facts need title and value");
                else if (type is not ("TextBlock" or "FactSet")) p.Add($"unexpected element '{type}'");
            }
        }
        return p;
    }

    public static IReadOnlyList<string> Webhook(JsonNode? body)
    {
        var p = new List<string>();
        foreach (var field in new[] { "source", "key", "severity", "title", "what", "action" })
            if ((string?)body?[field] is null) p.Add($"{field} is required");
        if (body?["facts"] is not JsonArray) p.Add("facts must be an array");
        return p;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex CardId();
}
