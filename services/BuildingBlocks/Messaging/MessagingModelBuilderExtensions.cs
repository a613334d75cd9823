using Microsoft.EntityFrameworkCore;

namespace Marketplace.BuildingBlocks.Messaging;

public static class MessagingModelBuilderExtensions
{
    /// <summary>Adds the outbox and inbox tables to a service's model.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(message => message.Id);
            outbox.Property(message => message.Topic).HasMaxLength(200);
            outbox.Property(message => message.Payload).HasColumnType("jsonb");
            outbox.Property(message => message.CorrelationId).HasMaxLength(128);
            outbox.Property(message => message.TraceParent).HasMaxLength(128);
            outbox.Property(message => message.LastError).HasMaxLength(2000);
            outbox.HasIndex(message => message.OccurredAt).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_messages_unpublished");
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(message => new { message.EventId, message.Consumer });
            inbox.Property(message => message.Consumer).HasMaxLength(200);
        });
        return modelBuilder;
    }
}
