using Marketplace.BuildingBlocks.Hosting;
using Marketplace.Gateway.Extensions;
using Marketplace.Gateway.Routing;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.AddGateway();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseServiceDefaults();
app.UseCors();
app.UseRateLimiter();
app.UseInternalRouteBlocking();
app.UseOutputCache();

app.MapReverseProxy();
app.MapScalarApiReference("/docs", options => options
    .WithTitle("Marketplace API")
    .WithOpenApiRoutePattern("/openapi/{documentName}.json")
    .AddDocuments(PublicRoutes.Prefixes.Keys));

await app.RunAsync();
