using System.Diagnostics;
using System.Text.Json;
using Marketplace.BuildingBlocks.Observability;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.BuildingBlocks.Messaging;

public static class Outbox
{
    internal static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Queues an event in the outbox; it is stored by the same SaveChanges/transaction as the state change.</summary>
    public static void AddEvent<TEvent>(this DbContext db, TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = integrationEvent.Id,
            Topic = IntegrationEvent.TopicOf<TEvent>(),
            Payload = JsonSerializer.Serialize(integrationEvent, PayloadJson),
            CorrelationId = CorrelationId.Current,
            TraceParent = Activity.Current?.Id,
            OccurredAt = integrationEvent.OccurredAt,
        });
    }
}
