using System.Text;
using System.Text.Json;
using Marketplace.BuildingBlocks.Http;

namespace Marketplace.BuildingBlocks.Tests;

public sealed class NulFreeStringConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new NulFreeStringConverter() } };

    [Fact]
    public void Writes_a_dictionary_key_as_a_property_name()
    {
        // What the serializer calls for the keys of a problem's field errors. (The gateway's first such problem after
        // start-up failed there with a 500 before the converter had its own; in a plain serializer the base method
        // falls back to the built-in key converter, so this checks the output, not that failure.)
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            new NulFreeStringConverter().WriteAsPropertyName(writer, "shippingAddress.zip", Options);
            writer.WriteStringValue("Zip is required.");
            writer.WriteEndObject();
        }

        Assert.Equal("""{"shippingAddress.zip":"Zip is required."}""", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void String_keyed_dictionaries_such_as_field_errors_are_written_and_read()
    {
        var errors = new Dictionary<string, string[]> { ["shippingAddress.zip"] = ["Zip is required."] };

        var json = JsonSerializer.Serialize(errors, Options);

        Assert.Equal("""{"shippingAddress.zip":["Zip is required."]}""", json);
        Assert.Equal(errors, JsonSerializer.Deserialize<Dictionary<string, string[]>>(json, Options));
    }

    [Theory]
    [InlineData("""{"name":"a\u0000b"}""")]
    [InlineData("""{"a\u0000b":"name"}""")]
    public void A_NUL_in_a_value_or_a_key_is_refused(string json)
    {
        var refusal = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options));

        Assert.StartsWith(NulFreeStringConverter.RefusalMessage, refusal.Message, StringComparison.Ordinal);
    }
}
