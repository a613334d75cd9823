namespace Marketplace.Users.Apis.Requests;

public static class TextInput
{
    /// <summary>Trimmed text; blank becomes null (an optional field sent empty is cleared).</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
