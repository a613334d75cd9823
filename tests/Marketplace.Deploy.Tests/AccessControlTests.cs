using Marketplace.Gateway.Routing;

namespace Marketplace.Deploy.Tests;

/// <summary>The service-invocation policies of docker-compose and Kubernetes, evaluated the way the called sidecar does.</summary>
public sealed class AccessControlTests
{
    private const string AnyId = "3f2c9a4e-7b1d-4c6e-9a8f-0d5e6b7c8a91";

    /// <summary>The checkout saga's steps on its peers (docs/internal-api.md): nobody else may run them.</summary>
    private static readonly (string Method, string Path)[] SagaOperations =
    [
        ("POST", "/api/inventory/reserve"),
        ("POST", "/api/inventory/release"),
        ("POST", "/api/inventory/commit"),
        ("POST", "/api/orders"),
        ("POST", $"/api/orders/checkouts/{AnyId}/abandon"),
        ("PUT", $"/api/orders/{AnyId}/status"),
        ("POST", "/api/payments"),
        ("POST", $"/api/payments/{AnyId}/refund"),
    ];

    /// <summary>
    /// Saga operations an admin may also run through the gateway: the services accept them from the gateway only
    /// with an admin token, since a call whose caller is the gateway never counts as a service call.
    /// </summary>
    private static readonly (string Method, string Path)[] AdminOperations =
    [
        ("PUT", $"/api/orders/{AnyId}/status"),
        ("POST", $"/api/payments/{AnyId}/refund"),
    ];

    /// <summary>Routes the gateway forwards for signed-in users and visitors.</summary>
    private static readonly (string Method, string Path)[] PublicOperations =
    [
        ("POST", "/api/auth/login"),
        ("GET", "/api/products"),
        ("GET", $"/api/products/{AnyId}"),
        ("GET", $"/api/inventory/{AnyId}"),
        ("POST", "/api/orders/cart/add"),
        ("GET", $"/api/orders/{AnyId}"),
        ("POST", "/api/checkout"),
        ("GET", $"/api/payments/{AnyId}"),
        ("GET", "/api/users/profile"),
    ];

    public static TheoryData<string> ConfigurationFiles => new("components/configuration.yaml", "deploy/base/dapr/configuration.yaml");

    [Theory]
    [MemberData(nameof(ConfigurationFiles))]
    public void Only_checkout_may_run_the_saga_operations(string file)
    {
        var acl = AclOf(file);
        foreach (var (method, path) in SagaOperations)
        {
            var allowed = DaprRunFile.AppIds.Where(caller => acl.Allows(caller, method, path)).Order().ToList();
            string[] expected = AdminOperations.Contains((method, path)) ? ["checkout", "gateway"] : ["checkout"];
            Assert.True(allowed.SequenceEqual(expected), $"{method} {path} is allowed for [{string.Join(", ", allowed)}], expected [{string.Join(", ", expected)}].");
        }
    }

    [Theory]
    [MemberData(nameof(ConfigurationFiles))]
    public void The_gateway_may_invoke_public_routes_but_nothing_it_refuses_to_route(string file)
    {
        var acl = AclOf(file);
        foreach (var (method, path) in PublicOperations)
        {
            Assert.True(acl.Allows("gateway", method, path), $"The gateway may not invoke public route {method} {path}.");
        }

        foreach (var (method, path) in SagaOperations.Where(operation => PublicRoutes.IsInternal(operation.Method, operation.Path)))
        {
            Assert.False(acl.Allows("gateway", method, path), $"The gateway may invoke {method} {path}, which it never routes.");
        }
    }

    [Theory]
    [MemberData(nameof(ConfigurationFiles))]
    public void Event_handlers_and_unknown_callers_are_refused(string file)
    {
        var acl = AclOf(file);
        Assert.All(DaprRunFile.AppIds, caller => Assert.False(acl.Allows(caller, "POST", "/events/OrderCreated"), $"{caller} may invoke an event handler."));
        Assert.False(acl.Allows("unknown-app", "GET", "/api/products"));
    }

    private static AccessControl AclOf(string file) =>
        new(DaprResources.Single(file, "Configuration").Node.Get("spec", "accessControl")!);
}
