namespace Costs.CostReports.Chat;

/// <summary>One labelled figure of a message ("How much": "$1,234.56 month to date").</summary>
public sealed record ChatFact(string Label, string Value);

/// <summary>
/// A message for a chat channel, in plain text (each payload escapes it for its format).
/// <see cref="Key"/> is the alert's stable key; <see cref="Severity"/> is info, warning or critical.
/// </summary>
public sealed record ChatMessage(string Key, string Severity, string Title, string What, IReadOnlyList<ChatFact> Facts, string Action);

/// <summary>The kinds of chat webhook that Costs can post to.</summary>
public enum ChannelKind
{
    Slack,
    GoogleChat,
    Teams,
    Webhook,
}

public static class ChannelKinds
{
    public static ChannelKind Parse(string text) => text switch
    {
        "slack" => ChannelKind.Slack,
        "google-chat" => ChannelKind.GoogleChat,
        "teams" => ChannelKind.Teams,
        "webhook" => ChannelKind.Webhook,
        _ => throw new FormatException($"Unknown channel kind '{text}' (expected slack, google-chat, teams or webhook)."),
    };
}
