using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Users.Apis;
using Marketplace.Users.Extensions;
using Marketplace.Users.Infrastructure;
using Marketplace.Users.IntegrationEvents;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("users");
builder.AddUsersServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapProfileApi();
app.MapAddressesApi();
app.MapUserEventHandlers();

await app.PrepareDocumentStoreAsync<UsersDbContext>();
await app.RunAsync();
