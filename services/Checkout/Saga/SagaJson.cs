using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Checkout.Saga;

/// <summary>How step outcomes and saga inputs are written to the journal.</summary>
public static class SagaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string? json) =>
        JsonSerializer.Deserialize<T>(json ?? "null", Options) ?? throw new InvalidOperationException($"The journal holds no {typeof(T).Name}.");
}
