namespace Marketplace.Users.Domain;

public sealed record Preferences(bool Newsletter, string Theme)
{
    public static readonly IReadOnlySet<string> Themes = new HashSet<string>(StringComparer.Ordinal) { "light", "dark", "system" };

    /// <summary>Seed 003's column defaults.</summary>
    public static readonly Preferences Default = new(true, "light");
}
