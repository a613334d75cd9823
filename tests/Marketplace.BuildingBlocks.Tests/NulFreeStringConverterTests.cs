using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.BuildingBlocks.Http;

namespace Marketplace.BuildingBlocks.Tests;

public sealed partial class NulFreeStringConverterTests
{
    [Fact]
    public void String_keyed_dictionaries_such_as_field_errors_are_written_and_read()
    {
        // As ASP.NET Core writes problem details: its source-generated contract first, then reflection.
        var options = new JsonSerializerOptions { Converters = { new NulFreeStringConverter() } };
        options.TypeInfoResolverChain.Insert(0, FieldErrorsContext.Default);
        var errors = new Dictionary<string, string[]> { ["shippingAddress.zip"] = ["Zip is required."] };

        var json = JsonSerializer.Serialize(errors, options);

        Assert.Equal("""{"shippingAddress.zip":["Zip is required."]}""", json);
        Assert.Equal(errors, JsonSerializer.Deserialize<Dictionary<string, string[]>>(json, options));
    }

    [Theory]
    [InlineData("""{"name":"a\u0000b"}""")]
    [InlineData("""{"a\u0000b":"name"}""")]
    public void A_NUL_in_a_value_or_a_key_is_refused(string json)
    {
        var options = new JsonSerializerOptions { Converters = { new NulFreeStringConverter() } };

        var refusal = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, string>>(json, options));

        Assert.StartsWith(NulFreeStringConverter.RefusalMessage, refusal.Message, StringComparison.Ordinal);
    }

    [JsonSerializable(typeof(Dictionary<string, string[]>))]
    private sealed partial class FieldErrorsContext : JsonSerializerContext;
}
