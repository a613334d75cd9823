using System.Text.Json;
using System.Text.Json.Serialization;

// The floor every gateway figure is compared with: the least an ASP.NET Core endpoint can do on this machine.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, FloorJson.Default));

var app = builder.Build();
// Any path, so that the gateway can be measured in front of it under a routed prefix too.
app.MapGet("/{**path}", () => TypedResults.Ok(new Greeting("Hello, World!")));
await app.RunAsync();

internal sealed record Greeting(string Message);

[JsonSerializable(typeof(Greeting))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class FloorJson : JsonSerializerContext;
