using System.Security.Claims;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Security;
using Marketplace.BuildingBlocks.Validation;
using Marketplace.Users.Apis.Requests;
using Marketplace.Users.Domain;
using Marketplace.Users.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Users.Apis;

/// <summary>
/// The caller's address book. Addresses live inside the caller's own profile, so another user's address id is
/// simply not found; each change is one atomic edit of that profile, which keeps at most one default address.
/// </summary>
public static class AddressesApi
{
    public static IEndpointRouteBuilder MapAddressesApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Addresses").RequireAuthorization(Policies.User);
        users.MapPost("/address", CreateAsync).WithValidation<CreateAddressRequest>();
        users.MapGet("/addresses", ListAsync);
        users.MapPut("/address/{id}", UpdateAsync).WithValidation<UpdateAddressRequest>();
        users.MapDelete("/address/{id}", DeleteAsync);
        return app;
    }

    public static async Task<Results<Created<Envelope<AddressView>>, ValidationProblem>> CreateAsync(
        CreateAddressRequest request, ClaimsPrincipal principal, IProfileRepository profiles, TimeProvider clock, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var added = await profiles.EditAsync(
            principal.GetUserId(),
            current =>
            {
                if (!current.HasRoomForAddress())
                {
                    return ProfileEdit.Keep<Address?>(null);
                }

                var address = request.ToAddress(id, current);
                return ProfileEdit.Store<Address?>(current.AddAddress(address, clock.GetUtcNow()), address);
            },
            cancellationToken);
        return added is not null
            ? TypedResults.Created($"/api/users/address/{added.Id}", Envelope.Of(AddressView.Of(added), "Address added"))
            : Problems.Validation("addresses", $"A user may keep at most {UserProfile.MaxAddresses} addresses; delete one first.");
    }

    public static async Task<Ok<Envelope<IReadOnlyList<AddressView>>>> ListAsync(
        ClaimsPrincipal principal, IProfileRepository profiles, CancellationToken cancellationToken)
    {
        var profile = await profiles.FindAsync(principal.GetUserId(), cancellationToken);
        var addresses = profile?.Addresses.Select(AddressView.Of).ToList() ?? [];
        return TypedResults.Ok(Envelope.Of<IReadOnlyList<AddressView>>(addresses));
    }

    public static async Task<Results<Ok<Envelope<AddressView>>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        string id, UpdateAddressRequest request, ClaimsPrincipal principal, IProfileRepository profiles, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var addressId))
        {
            return MalformedId();
        }

        var updated = await profiles.EditAsync(
            principal.GetUserId(),
            current =>
            {
                var existing = current.FindAddress(addressId);
                if (existing is null)
                {
                    return ProfileEdit.Keep<Address?>(null);
                }

                var changed = request.ApplyTo(existing);
                return ProfileEdit.Store<Address?>(current.ReplaceAddress(changed, clock.GetUtcNow()), changed);
            },
            cancellationToken);
        return updated is null ? NotFound() : TypedResults.Ok(Envelope.Of(AddressView.Of(updated), "Address updated"));
    }

    public static async Task<Results<Ok<Envelope<DeletedView>>, ProblemHttpResult, ValidationProblem>> DeleteAsync(
        string id, ClaimsPrincipal principal, IProfileRepository profiles, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var addressId))
        {
            return MalformedId();
        }

        var removed = await profiles.EditAsync(
            principal.GetUserId(),
            current => current.FindAddress(addressId) is null
                ? ProfileEdit.Keep(false)
                : ProfileEdit.Store(current.RemoveAddress(addressId, clock.GetUtcNow()), true),
            cancellationToken);
        return removed ? TypedResults.Ok(Envelope.Of(new DeletedView(addressId), "Address deleted")) : NotFound();
    }

    private static ProblemHttpResult NotFound() => Problems.NotFound("Address not found.");

    private static ValidationProblem MalformedId() => Problems.Validation("id", "The address id must be a UUID.");
}
