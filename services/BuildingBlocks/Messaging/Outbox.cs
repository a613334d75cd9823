using Microsoft.EntityFrameworkCore;

namespace Marketplace.BuildingBlocks.Messaging;

public static class Outbox
{
    /// <summary>Queues an event in the outbox; it is stored by the same SaveChanges/transaction as the state change.</summary>
    public static void AddEvent<TEvent>(this DbContext db, TEvent integrationEvent)
        where TEvent : IntegrationEvent =>
        db.Set<OutboxMessage>().Add(OutboxMessage.For(integrationEvent));
}
