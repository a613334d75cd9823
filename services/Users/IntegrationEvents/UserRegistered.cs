using Marketplace.BuildingBlocks.Messaging;

namespace Marketplace.Users.IntegrationEvents;

/// <summary>Published by auth when an account is created; the user service creates the account's profile.</summary>
public sealed record UserRegistered(Guid UserId, string Name, string Email, string Role) : IntegrationEvent;
