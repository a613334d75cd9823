using System.Net.Http.Headers;
using System.Text.Json;
using Dapr;
using Marketplace.BuildingBlocks.Observability;
using Marketplace.BuildingBlocks.Runtime;
using Marketplace.BuildingBlocks.Security;

using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>
/// Local mode's stand-in for daprd's subscriber: one consumer group per app id on each subscribed topic's stream,
/// at-least-once delivery to the subscription's own endpoint, redelivery of entries left unacknowledged,
/// and a dead-letter stream after <see cref="EventBusOptions.MaxDeliveries"/> attempts. One read fetches the new
/// entries of every topic, and they are delivered several at a time, in no guaranteed order (as daprd does), so
/// handlers must not depend on the order of events. The consumer sleeps until an append to one of its streams is
/// announced (see <see cref="RedisStreamsEventTransport"/>), a poll interval passes or redelivery is due.
/// </summary>
public sealed class RedisStreamsSubscriber(
    IConnectionMultiplexer redis,
    EndpointDataSource endpoints,
    Microsoft.AspNetCore.Hosting.Server.IServer server,
    IHostApplicationLifetime lifetime,
    IHttpClientFactory httpClients,
    InternalTokenProvider internalToken,
    MarketplaceRuntime runtime,
    IOptions<EventBusOptions> options,
    ILogger<RedisStreamsSubscriber> logger) : BackgroundService
{
    public const string HttpClientName = "event-delivery";
    private const int BatchSize = 32;
    private const int ConcurrentDeliveries = 8;
    private readonly string _consumerName = $"{Environment.MachineName}-{Environment.ProcessId}";
    private readonly WakeUp _appended = new();

    private sealed record Subscription(string PubSubName, string Topic, string Route)
    {
        public string StreamKey => EventBusOptions.StreamKey(PubSubName, Topic);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }

        var subscriptions = DiscoverSubscriptions();
        if (subscriptions.Count == 0)
        {
            return;
        }

        var selfAddress = SelfAddress();
        logger.LogInformation("Consuming {Count} topic(s) as group {Group}", subscriptions.Count, runtime.AppId);
        var nextClaim = DateTimeOffset.MinValue;
        var groupsEnsured = false;
        var listening = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Once, and again after a failed pass (Redis restarted empty, say): an existing group answers
                // BUSYGROUP, an exception per topic that a pass every poll interval would pay for nothing.
                if (!groupsEnsured)
                {
                    await EnsureGroupsAsync(subscriptions);
                    groupsEnsured = true;
                }

                // Once: the connection renews its channel subscriptions by itself after a reconnect.
                if (!listening)
                {
                    await ListenForAppendsAsync(subscriptions);
                    listening = true;
                }

                var delivered = await ReadNewAsync(subscriptions, selfAddress, stoppingToken);

                if (DateTimeOffset.UtcNow >= nextClaim)
                {
                    nextClaim = DateTimeOffset.UtcNow + options.Value.RedeliveryAfter / 2;
                    foreach (var subscription in subscriptions)
                    {
                        delivered += await RedeliverStaleAsync(subscription, selfAddress, stoppingToken);
                    }
                }

                if (delivered == 0)
                {
                    var untilClaim = (nextClaim - DateTimeOffset.UtcNow).Ticks;
                    await _appended.WaitAsync(TimeSpan.FromTicks(Math.Clamp(untilClaim, 0, options.Value.ConsumerPollInterval.Ticks)), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                groupsEnsured = false;
                logger.LogWarning(exception, "Event consumer pass failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        _appended.Dispose();
        base.Dispose();
    }

    private async Task ListenForAppendsAsync(List<Subscription> subscriptions)
    {
        var channels = redis.GetSubscriber();
        foreach (var subscription in subscriptions)
        {
            await channels.SubscribeAsync(RedisChannel.Literal(subscription.StreamKey), (_, _) => _appended.Set());
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await Task.WhenAny(started.Task, Task.Delay(Timeout.Infinite, stoppingToken));
        return !stoppingToken.IsCancellationRequested;
    }

    private List<Subscription> DiscoverSubscriptions() =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => endpoint.Metadata.OfType<ITopicMetadata>()
                .Select(topic => new Subscription(topic.PubsubName, topic.Name, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'))))
            .DistinctBy(subscription => subscription.StreamKey)
            .ToList();

    private Uri SelfAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException("The event consumer needs the service to listen on an http:// address.");
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1"));
        return uri.Uri;
    }

    private async Task EnsureGroupsAsync(List<Subscription> subscriptions)
    {
        var db = redis.GetDatabase();
        foreach (var subscription in subscriptions)
        {
            try
            {
                // From the start of the stream: events published before this service first ran are not lost.
                await db.StreamCreateConsumerGroupAsync(subscription.StreamKey, runtime.AppId, "0-0", createStream: true);
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // The group exists already.
            }
        }
    }

    private async Task<int> ReadNewAsync(List<Subscription> subscriptions, Uri selfAddress, CancellationToken cancellationToken)
    {
        var positions = subscriptions.Select(subscription => new StreamPosition(subscription.StreamKey, StreamPosition.NewMessages)).ToArray();
        var streams = await redis.GetDatabase().StreamReadGroupAsync(positions, runtime.AppId, _consumerName, BatchSize);
        var entries = streams
            .SelectMany(stream => stream.Entries.Select(entry => (Subscription: subscriptions.First(s => s.StreamKey == stream.Key), Entry: entry)))
            .ToList();
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentDeliveries, CancellationToken = cancellationToken },
            async (item, token) => await DeliverAsync(item.Subscription, item.Entry, selfAddress, deliveryCount: 1, token));
        return entries.Count;
    }

    private async Task<int> RedeliverStaleAsync(Subscription subscription, Uri selfAddress, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var claimed = await db.StreamAutoClaimAsync(
            subscription.StreamKey, runtime.AppId, _consumerName, (long)options.Value.RedeliveryAfter.TotalMilliseconds, "0-0", BatchSize);
        foreach (var entry in claimed.ClaimedEntries.Where(entry => !entry.IsNull))
        {
            var pending = await db.StreamPendingMessagesAsync(subscription.StreamKey, runtime.AppId, 1, _consumerName, entry.Id, entry.Id);
            var deliveries = pending.Length == 0 ? 1 : pending[0].DeliveryCount;
            if (deliveries > options.Value.MaxDeliveries)
            {
                await DeadLetterAsync(subscription, entry, $"gave up after {deliveries - 1} deliveries");
                continue;
            }

            await DeliverAsync(subscription, entry, selfAddress, deliveries, cancellationToken);
        }

        return claimed.ClaimedEntries.Length;
    }

    private async Task DeliverAsync(Subscription subscription, StreamEntry entry, Uri selfAddress, int deliveryCount, CancellationToken cancellationToken)
    {
        var payload = entry[RedisStreamsEventTransport.EventField];
        if (payload.IsNullOrEmpty)
        {
            await DeadLetterAsync(subscription, entry, "entry has no CloudEvent");
            return;
        }

        var json = payload.ToString();
        var outcome = await PostAsync(subscription, json, selfAddress, cancellationToken);
        switch (outcome)
        {
            case DeliveryOutcome.Success:
                await redis.GetDatabase().StreamAcknowledgeAsync(subscription.StreamKey, runtime.AppId, entry.Id);
                break;
            case DeliveryOutcome.Drop:
                await DeadLetterAsync(subscription, entry, "the subscriber dropped it");
                break;
            default:
                logger.LogWarning("Delivery {Delivery} of {Entry} on {Topic} failed; it will be redelivered", deliveryCount, entry.Id, subscription.Topic);
                break;
        }
    }

    private enum DeliveryOutcome
    {
        Success,
        Retry,
        Drop,
    }

    private async Task<DeliveryOutcome> PostAsync(Subscription subscription, string cloudEventJson, Uri selfAddress, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(selfAddress, subscription.Route))
        {
            Content = new StringContent(cloudEventJson),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(CloudEvent.ContentType);
        request.Headers.TryAddWithoutValidation(MarketplaceRuntime.InternalTokenHeader, internalToken.Token);
        var correlationId = TryReadCorrelationId(cloudEventJson);
        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, correlationId);
        }

        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if ((int)response.StatusCode == 404)
            {
                return DeliveryOutcome.Drop; // as daprd: nobody can handle it
            }

            if (!response.IsSuccessStatusCode)
            {
                return DeliveryOutcome.Retry;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return ReadStatus(body) switch
            {
                "RETRY" => DeliveryOutcome.Retry,
                "DROP" => DeliveryOutcome.Drop,
                _ => DeliveryOutcome.Success,
            };
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry;
        }
    }

    private async Task DeadLetterAsync(Subscription subscription, StreamEntry entry, string reason)
    {
        var db = redis.GetDatabase();
        await db.StreamAddAsync(EventBusOptions.DeadLetterKey(subscription.PubSubName, subscription.Topic),
        [
            new NameValueEntry(RedisStreamsEventTransport.EventField, entry[RedisStreamsEventTransport.EventField]),
            new NameValueEntry("reason", reason),
            new NameValueEntry("group", runtime.AppId),
            new NameValueEntry("entryId", entry.Id),
        ]);
        await db.StreamAcknowledgeAsync(subscription.StreamKey, runtime.AppId, entry.Id);
        logger.LogError("Event entry {Entry} on {Topic} moved to the dead-letter stream: {Reason}", entry.Id, subscription.Topic, reason);
    }

    private static string? ReadStatus(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("status", out var status)
                ? status.GetString()?.ToUpperInvariant()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? TryReadCorrelationId(string cloudEventJson)
    {
        try
        {
            return CloudEvent.Parse(cloudEventJson)?.CorrelationId;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
