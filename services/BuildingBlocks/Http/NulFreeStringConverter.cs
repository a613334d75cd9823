using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.BuildingBlocks.Http;

/// <summary>
/// Reads JSON strings, values and property names alike, and refuses any that holds a NUL character (<c>\u0000</c>).
/// PostgreSQL's text and jsonb cannot store one, so such a value would otherwise pass validation and fail at the
/// database as a 500.
/// </summary>
public sealed class NulFreeStringConverter : JsonConverter<string>
{
    /// <summary>The message of the <see cref="JsonException"/> thrown for such a string; the serializer adds its path.</summary>
    public const string RefusalMessage = "Text may not contain NUL characters.";

    /// <summary>The field error for a value that held a NUL character.</summary>
    public static string Refusal(string field) => $"The value of '{field}' may not contain NUL characters.";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        // A NUL can only arrive escaped: the reader refuses raw control characters inside strings.
        return reader.ValueIsEscaped && value is not null && value.Contains('\0') ? throw new JsonException(RefusalMessage) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // The serializer also takes this converter for the keys of string-keyed dictionaries (a problem's field errors
    // among them), and refuses to write any key with a converter that does not handle property names.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options)!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}
