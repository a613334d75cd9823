namespace Marketplace.BuildingBlocks.Security;

public static class Roles
{
    public const string Customer = "customer";
    public const string Vendor = "vendor";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Customer, Vendor, Admin };
}

public static class Policies
{
    /// <summary>Any signed-in user.</summary>
    public const string User = "user";

    public const string Admin = "admin";

    /// <summary>Vendors and admins: catalog and stock management.</summary>
    public const string VendorOrAdmin = "vendor-or-admin";

    /// <summary>Service-to-service calls only, proven by the internal token or the Dapr app API token.</summary>
    public const string Internal = "internal";

    /// <summary>A service credential, or a signed-in admin.</summary>
    public const string InternalOrAdmin = "internal-or-admin";
}
