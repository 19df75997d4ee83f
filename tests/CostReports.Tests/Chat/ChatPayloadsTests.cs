using System.Text.Json.Nodes;
using Costs.CostReports.Chat;

namespace Costs.CostReports.Tests.Chat;

public sealed class ChatPayloadsTests
{
    // Data text with every character that a format treats specially.
    internal static readonly ChatMessage Sample = new(
        "anomaly:service=checkout<prod>,environment=production:2026-11-20",
        "critical",
        "Spend spike: checkout<prod> & co in production on 2026-11-20",
        "checkout<prod> & co in production cost $500.00 on Friday 2026-11-20, up $400.00 (+400%) on a usual Friday.",
        [new ChatFact("How much", "$500.00 that day"), new ChatFact("Compared with", "median of 4 weeks: $100.00 <b>\"spread\"</b>")],
        "Check deployments & autoscaling of <checkout>.");

    [Fact]
    public void Render_Slack_BlockKitWithMrkdwnEscaping()
    {
        var json = ChatPayloads.Render(ChannelKind.Slack, Sample);
        var body = JsonNode.Parse(json)!;
        Assert.Empty(PayloadShapes.Slack(body));
        var blocks = body["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "section", "section", "context"], blocks.Select(b => (string)b!["type"]!));
        Assert.Equal("checkout&lt;prod&gt; &amp; co in production cost $500.00 on Friday 2026-11-20, up $400.00 (+400%) on a usual Friday.",
            (string)blocks[1]!["text"]!["text"]!);
        Assert.Equal("*Compared with*\nmedian of 4 weeks: $100.00 &lt;b&gt;\"spread\"&lt;/b&gt;", (string)blocks[2]!["fields"]![1]!["text"]!);
        Assert.DoesNotContain("<prod>", (string)body["text"]!);
    }

    [Fact]
    public void Render_SlackLongTitle_HeaderCutTo150()
    {
        var body = JsonNode.Parse(ChatPayloads.Render(ChannelKind.Slack, Sample with { Title = new string('x', 400) }))!;
        Assert.Empty(PayloadShapes.Slack(body));
        Assert.Equal(150, ((string)body["blocks"]![0]!["text"]!["text"]!).Length);
    }

    [Fact]
    public void Render_GoogleChat_CardsV2WithHtmlEscaping()
    {
        var body = JsonNode.Parse(ChatPayloads.Render(ChannelKind.GoogleChat, Sample))!;
        Assert.Empty(PayloadShapes.GoogleChat(body));
        var card = body["cardsV2"]![0]!;
        Assert.Equal("anomaly-service-checkout-prod--environment-production-2026-11-20", (string)card["cardId"]!);
        Assert.Equal("Spend spike: checkout&lt;prod&gt; &amp; co in production on 2026-11-20", (string)card["card"]!["header"]!["title"]!);
        var fact = card["card"]!["sections"]![1]!["widgets"]![1]!["decoratedText"]!;
        Assert.Equal("Compared with", (string)fact["topLabel"]!);
        Assert.Equal("median of 4 weeks: $100.00 &lt;b&gt;&quot;spread&quot;&lt;/b&gt;", (string)fact["text"]!);
        Assert.Equal("Check deployments &amp; autoscaling of &lt;checkout&gt;.",
            (string)card["card"]!["sections"]![2]!["widgets"]![0]!["textParagraph"]!["text"]!);
    }

    [Fact]
    public void Render_Teams_AdaptiveCardMessageEnvelope()
    {
        var body = JsonNode.Parse(ChatPayloads.Render(ChannelKind.Teams, Sample))!;
        Assert.Empty(PayloadShapes.Teams(body));
        var attachment = body["attachments"]![0]!;
        Assert.True(attachment.AsObject().ContainsKey("contentUrl"));
        Assert.Null(attachment["contentUrl"]);
        var content = attachment["content"]!;
        Assert.Equal("1.4", (string)content["version"]!);
        Assert.Equal(["TextBlock", "TextBlock", "FactSet", "TextBlock", "TextBlock", "TextBlock"], content["body"]!.AsArray().Select(b => (string)b!["type"]!));
        Assert.Equal("$500.00 that day", (string)content["body"]![2]!["facts"]![0]!["value"]!);
    }

    [Fact]
    public void Render_TeamsServiceNamedLikeALink_IsShownAsText()
    {
        var m = Sample with
        {
            Title = "Spend spike: [click here](https://evil.example/login)",
            What = "**urgent** _now_ <https://evil.example> `code` {{DATE(2017-02-14T06:08:00Z)}}",
            Facts = [new ChatFact("[x](https://evil.example)", "- item\n1. first\r\n  # heading\u001b[2J")],
        };
        var content = JsonNode.Parse(ChatPayloads.Render(ChannelKind.Teams, m))!["attachments"]![0]!["content"]!;
        var body = content["body"]!.AsArray();
        Assert.Equal("🔴 Spend spike: \\[click here\\]\\(https://evil.example/login\\)", (string)body[0]!["text"]!);
        Assert.Equal("\\*\\*urgent\\*\\* \\_now\\_ \\<https://evil.example\\> \\`code\\` \\{\\{DATE\\(2017-02-14T06:08:00Z\\)\\}\\}", (string)body[1]!["text"]!);
        var fact = body[2]!["facts"]![0]!;
        Assert.Equal("\\[x\\]\\(https://evil.example\\)", (string)fact["title"]!);
        Assert.Equal("\\- item\n1\\. first\n  \\# heading\\[2J", (string)fact["value"]!);
    }

    [Theory]
    [InlineData("$500.00 that day", "$500.00 that day")]
    [InlineData("up 12.5% - a lot", "up 12.5% - a lot")]
    [InlineData("2026-11-20", "2026-11-20")]
    [InlineData("10) ten", "10\\) ten")]
    [InlineData("a\\b", "a\\\\b")]
    public void Escape_Teams_PlainTextStaysReadable(string text, string expected)
    {
        Assert.Equal(expected, TeamsPayload.Escape(text));
    }

    [Fact]
    public void Render_Webhook_FieldsAsTheyAre()
    {
        var body = JsonNode.Parse(ChatPayloads.Render(ChannelKind.Webhook, Sample))!;
        Assert.Empty(PayloadShapes.Webhook(body));
        Assert.Equal(Sample.Key, (string)body["key"]!);
        Assert.Equal(Sample.What, (string)body["what"]!);
    }

    [Theory]
    [InlineData("slack", ChannelKind.Slack)]
    [InlineData("google-chat", ChannelKind.GoogleChat)]
    [InlineData("teams", ChannelKind.Teams)]
    [InlineData("webhook", ChannelKind.Webhook)]
    public void Parse_KnownKind_Parsed(string text, ChannelKind kind) => Assert.Equal(kind, ChannelKinds.Parse(text));

    [Fact]
    public void Parse_UnknownKind_Throws() => Assert.Throws<FormatException>(() => ChannelKinds.Parse("discord"));
}
