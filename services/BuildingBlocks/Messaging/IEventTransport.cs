namespace Marketplace.BuildingBlocks.Messaging;

/// <summary>Hands one CloudEvent to the broker; returns only once the broker has accepted it.</summary>
public interface IEventTransport
{
    Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken);
}
