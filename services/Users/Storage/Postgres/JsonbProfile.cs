using System.Text.Json;
using Marketplace.Users.Domain;

namespace Marketplace.Users.Storage.Postgres;

/// <summary>The jsonb body of a profile: the whole profile, camelCase, as the API shows it.</summary>
internal static class JsonbProfile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(UserProfile profile) => JsonSerializer.Serialize(profile, Json);

    public static UserProfile Deserialize(string json) =>
        JsonSerializer.Deserialize<UserProfile>(json, Json) ?? throw new InvalidOperationException("Empty profile document.");
}
