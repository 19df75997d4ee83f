using Costs.CostModel.Store;
namespace Costs.CostReports.Delivery;

/// <summary>One rendered message for one channel.</summary>
public sealed record ChatItem(string Key, string Channel, string Payload);

/// <summary>
/// Delivers rendered chat messages at most once each, through the ledger, and reports every outcome.
/// Each post carries the Idempotency-Key of its (key, channel).
/// </summary>
public static class ChatDelivery
{
    /// <param name="resolveUrl">The webhook URL of a channel (read from its secret); may throw <see cref="SecretException"/>.</param>
    public static async Task<IReadOnlyList<DeliveryReport>> DeliverAsync(IReadOnlyList<ChatItem> items, DeliveryLedger ledger,
        WebhookClient client, Func<string, string> resolveUrl, CancellationToken ct)
    {
        var reports = new List<DeliveryReport>();
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        var secretErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!urls.ContainsKey(item.Channel) && !secretErrors.ContainsKey(item.Channel))
            {
                try
                {
                    urls[item.Channel] = resolveUrl(item.Channel);
                }
                catch (SecretException ex)
                {
                    secretErrors[item.Channel] = ex.Message;
                }
            }
            if (secretErrors.TryGetValue(item.Channel, out var error))
            {
                // Nothing was sent and nothing is claimed: the next run tries again once the secret is there.
                reports.Add(new DeliveryReport(item.Key, item.Channel, DeliveryState.FailedPermanently, error));
                continue;
            }
            var url = urls[item.Channel];
            reports.Add(await LedgeredDelivery.DeliverOnceAsync(ledger, item.Key, item.Channel,
                token => client.PostAsync(url, item.Payload, WebhookClient.IdempotencyKey(item.Key, item.Channel), token), ct));
        }
        return reports;
    }
}
