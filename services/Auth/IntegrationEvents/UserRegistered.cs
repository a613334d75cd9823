using Marketplace.BuildingBlocks.Messaging;

namespace Marketplace.Auth.IntegrationEvents;

public sealed record UserRegistered(Guid UserId, string Name, string Email, string Role) : IntegrationEvent;
