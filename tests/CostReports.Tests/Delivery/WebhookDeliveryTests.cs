using Costs.CostModel.Store;
using System.Text.Json.Nodes;
using Costs.CostReports.Chat;
using Costs.CostReports.Delivery;
using Costs.CostReports.Tests.Chat;

namespace Costs.CostReports.Tests.Delivery;

public sealed class WebhookDeliveryTests
{
    private const string Key = "budget:team=payments:2026-11:90";
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private static WebhookClient Client(TimeSpan? attemptTimeout = null) => new(Http,
        new DeliveryOptions { MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromSeconds(2), AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(30) },
        new InstantTimeProvider());

    private static Task<DeliveryReport> Deliver(StoreFixture f, WebhookReceiver r, WebhookClient client, string payload = "{\"text\":\"hi\"}", DeliveryLedger? ledger = null) =>
        LedgeredDelivery.DeliverOnceAsync(ledger ?? f.Ledger, Key, "payments-slack", ct => client.PostAsync(r.Url, payload, ct), CancellationToken.None);

    public static TheoryData<ChannelKind> Kinds => [ChannelKind.Slack, ChannelKind.GoogleChat, ChannelKind.Teams, ChannelKind.Webhook];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task DeliverAsync_EachProduct_ReceiverAcceptsDocumentedShape(ChannelKind kind)
    {
        Func<JsonNode?, IReadOnlyList<string>> check = kind switch
        {
            ChannelKind.Slack => PayloadShapes.Slack,
            ChannelKind.GoogleChat => PayloadShapes.GoogleChat,
            ChannelKind.Teams => PayloadShapes.Teams,
            _ => PayloadShapes.Webhook,
        };
        await using var f = await StoreFixture.CreateAsync();
        await using var r = await WebhookReceiver.StartAsync(check);
        var items = new[] { new ChatItem(ChatPayloadsTests.Sample.Key, "c", ChatPayloads.Render(kind, ChatPayloadsTests.Sample)) };
        var reports = await ChatDelivery.DeliverAsync(items, f.Ledger, Client(), _ => r.Url, CancellationToken.None);
        Assert.Equal(DeliveryState.Sent, Assert.Single(reports).State);
        Assert.Empty(r.Problems);
        Assert.Single(r.Bodies);
    }

    [Fact]
    public async Task DeliverOnce_500Then200_OneDeliveryAndSentInLedger()
    {
        await using var f = await StoreFixture.CreateAsync();
        await using var r = await WebhookReceiver.StartAsync(null, new Reply(500));
        var report = await Deliver(f, r, Client());
        Assert.Equal(DeliveryState.Sent, report.State);
        Assert.Equal(2, r.Bodies.Count);
        Assert.Equal(LedgerState.Sent, (await f.Ledger.GetAsync(Key, "payments-slack", CancellationToken.None))!.State);

        var again = await Deliver(f, r, Client());
        Assert.Equal(DeliveryState.AlreadySent, again.State);
        Assert.Equal(2, r.Bodies.Count);
    }

    [Fact]
    public async Task PostAsync_429WithRetryAfter_WaitsThatLong()
    {
        await using var r = await WebhookReceiver.StartAsync(null, new Reply(429, RetryAfterSeconds: 7));
        var result = await Client().PostAsync(r.Url, "{}", CancellationToken.None);
        Assert.True(result.Delivered);
        Assert.Equal([TimeSpan.FromSeconds(7)], result.Delays);
    }

    [Fact]
    public async Task PostAsync_503WithoutRetryAfter_ExponentialBackoff()
    {
        await using var r = await WebhookReceiver.StartAsync(null, new Reply(503), new Reply(503));
        var result = await Client().PostAsync(r.Url, "{}", CancellationToken.None);
        Assert.True(result.Delivered);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], result.Delays);
    }

    [Fact]
    public async Task PostAsync_TimeoutAfterSending_OutcomeUnknownNotRetried()
    {
        await using var r = await WebhookReceiver.StartAsync(null, new Reply(200, Hang: true));
        var result = await Client(attemptTimeout: TimeSpan.FromSeconds(1)).PostAsync(r.Url, "{}", CancellationToken.None);
        Assert.False(result.Delivered);
        Assert.True(result.OutcomeUnknown);
        Assert.False(result.Permanent);
        Assert.StartsWith("sent, but no answer within 1 s (attempt ", result.Outcome);
        // The one attempt that reached the receiver was the last (an attempt that could not even send is retried).
        Assert.Single(r.Bodies);
    }

    [Fact]
    public async Task DeliverOnce_SlowReceiverTwoRuns_ReceivedOnceAndOutcomeUnknownInLedgerAndReport()
    {
        await using var f = await StoreFixture.CreateAsync();
        await using var r = await WebhookReceiver.StartAsync(null, new Reply(200, Hang: true));
        var client = Client(attemptTimeout: TimeSpan.FromSeconds(1));

        var first = await Deliver(f, r, client);
        Assert.Equal(DeliveryState.OutcomeUnknown, first.State);
        Assert.False(first.IsFailure);
        Assert.StartsWith(LedgeredDelivery.OutcomeUnknownText + ": sent, but no answer within 1 s", first.Detail);
        var entry = await f.Ledger.GetAsync(Key, "payments-slack", CancellationToken.None);
        Assert.Equal(LedgerState.OutcomeUnknown, entry!.State);
        Assert.StartsWith("sent, but no answer within 1 s", entry.Outcome);

        // The next run (a new process: a new ledger connection) does not send it again.
        var rerun = await f.ReopenLedgerAsync();
        var second = await Deliver(f, r, client, ledger: rerun);
        Assert.Equal(DeliveryState.OutcomeUnknown, second.State);
        Assert.Contains(LedgeredDelivery.OutcomeUnknownText, second.Detail);
        Assert.Contains("no answer within 1 s", second.Detail);
        Assert.Single(r.Bodies);
        Assert.Equal(1, (await rerun.GetAsync(Key, "payments-slack", CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task DeliverAsync_500Then200_SameIdempotencyKeyOnEveryAttemptAndKeyInTheBody()
    {
        await using var f = await StoreFixture.CreateAsync();
        await using var r = await WebhookReceiver.StartAsync(PayloadShapes.Webhook, new Reply(500));
        var message = ChatPayloadsTests.Sample;
        var items = new[] { new ChatItem(message.Key, "ops-hook", ChatPayloads.Render(ChannelKind.Webhook, message)) };
        var report = Assert.Single(await ChatDelivery.DeliverAsync(items, f.Ledger, Client(), _ => r.Url, CancellationToken.None));
        Assert.Equal(DeliveryState.Sent, report.State);
        var expected = WebhookClient.IdempotencyKey(message.Key, "ops-hook");
        Assert.Equal([expected, expected], r.IdempotencyKeys);
        Assert.Matches("^\"costs-[0-9a-f]{32}\"$", expected);
        Assert.NotEqual(expected, WebhookClient.IdempotencyKey(message.Key, "other-hook"));
        Assert.All(r.Bodies, b => Assert.Equal(message.Key, JsonNode.Parse(b)!["key"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DeliverOnce_404_PermanentNoRetryRecordedFailed()
    {
        await using var f = await StoreFixture.CreateAsync();
        await using var r = await WebhookReceiver.StartAsync(null, new Reply(404));
        var report = await Deliver(f, r, Client());
        Assert.Equal(DeliveryState.FailedPermanently, report.State);
        Assert.Contains("404", report.Detail);
        Assert.Single(r.Bodies);
        var entry = await f.Ledger.GetAsync(Key, "payments-slack", CancellationToken.None);
        Assert.Equal(LedgerState.Failed, entry!.State);
    }

    [Fact]
    public async Task DeliverOnce_FailedEarlier_RetriedOnReRun()
    {
        await using var f = await StoreFixture.CreateAsync();
        await using var r = await WebhookReceiver.StartAsync(null, new Reply(403));
        Assert.Equal(DeliveryState.FailedPermanently, (await Deliver(f, r, Client())).State);
        var second = await Deliver(f, r, Client());
        Assert.Equal(DeliveryState.Sent, second.State);
        Assert.Equal(2, (await f.Ledger.GetAsync(Key, "payments-slack", CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task DeliverOnce_KilledAfterSendBeforeRecord_NoDuplicateOnReRun()
    {
        await using var f = await StoreFixture.CreateAsync();
        await using var r = await WebhookReceiver.StartAsync();
        // The first run claims the key, sends, and dies before it records the outcome.
        Assert.True(await f.Ledger.TryClaimAsync(Key, "payments-slack", CancellationToken.None));
        Assert.True((await Client().PostAsync(r.Url, "{\"text\":\"hi\"}", CancellationToken.None)).Delivered);

        var rerun = await f.ReopenLedgerAsync();
        var report = await Deliver(f, r, Client(), ledger: rerun);
        Assert.Equal(DeliveryState.OutcomeUnknown, report.State);
        Assert.Contains(LedgeredDelivery.OutcomeUnknownText, report.Detail);
        Assert.Single(r.Bodies);
    }

    [Fact]
    public async Task DeliverAsync_MissingSecret_ReportedNotClaimed()
    {
        await using var f = await StoreFixture.CreateAsync();
        var items = new[] { new ChatItem(Key, "ops", "{}") };
        var reports = await ChatDelivery.DeliverAsync(items, f.Ledger, Client(),
            _ => SecretReader.Read("COSTS_TEST_NOT_SET", _ => null), CancellationToken.None);
        var report = Assert.Single(reports);
        Assert.Equal(DeliveryState.FailedPermanently, report.State);
        Assert.Contains("COSTS_TEST_NOT_SET", report.Detail);
        Assert.Null(await f.Ledger.GetAsync(Key, "ops", CancellationToken.None));
    }

    [Fact]
    public async Task PostAsync_FailureOutcome_NeverContainsTheUrl()
    {
        await using var r = await WebhookReceiver.StartAsync(null, new Reply(500), new Reply(500), new Reply(500), new Reply(500));
        var result = await Client().PostAsync(r.Url, "{}", CancellationToken.None);
        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        Assert.DoesNotContain("s3cr3t", result.Outcome);
        // A closed port: the connection error must not carry the URL either.
        var closed = await Client().PostAsync("http://127.0.0.1:1/services/s3cr3t", "{}", CancellationToken.None);
        Assert.False(closed.Delivered);
        Assert.DoesNotContain("s3cr3t", closed.Outcome);
    }
}
