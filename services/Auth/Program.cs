using Marketplace.Auth.Apis;
using Marketplace.Auth.Extensions;
using Marketplace.Auth.Infrastructure;
using Marketplace.Auth.Security;
using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("auth");
builder.AddAuthServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapAuthApi();

await app.MigrateDatabaseAsync<AuthDbContext>();
await app.EnsureAdminAsync();
await app.RunAsync();
