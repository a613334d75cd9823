using Dapr;
using Marketplace.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Messaging;

public static class EventSubscriptions
{
    public const string RoutePrefix = "/events/";

    /// <summary>
    /// Declares a subscription once, the Dapr way (<c>WithTopic</c>): daprd learns it from <c>/dapr/subscribe</c>,
    /// and in local mode the Redis Streams consumer delivers the same CloudEvent to the same route.
    /// </summary>
    public static RouteHandlerBuilder MapSubscription<TEvent>(this IEndpointRouteBuilder app, Delegate handler)
        where TEvent : IntegrationEvent
    {
        var topic = IntegrationEvent.TopicOf<TEvent>();
        var pubSubName = app.ServiceProvider.GetRequiredService<IOptions<EventBusOptions>>().Value.PubSubName;
        return app.MapPost(RoutePrefix + topic, handler)
            .WithTopic(pubSubName, topic)
            .RequireAuthorization(Policies.Internal)
            .ExcludeFromDescription();
    }
}

/// <summary>The answers a subscriber gives the broker, in Dapr's vocabulary.</summary>
public static class EventResults
{
    public static IResult Success() => TypedResults.Ok(new EventStatus("SUCCESS"));

    /// <summary>Deliver the event again later.</summary>
    public static IResult Retry() => TypedResults.Ok(new EventStatus("RETRY"));

    /// <summary>The event can never be handled: dead-letter it.</summary>
    public static IResult Drop() => TypedResults.Ok(new EventStatus("DROP"));

    public sealed record EventStatus(string Status);
}
