using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Products.Apis;
using Marketplace.Products.DemoData;
using Marketplace.Products.Extensions;
using Marketplace.Products.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("products");
builder.AddProductsServices();

var app = builder.Build();
app.UseServiceDefaults();
app.UseOutputCache();
app.MapProductsApi();

await app.PrepareDocumentStoreAsync<ProductsDbContext>();
await app.SeedDemoCatalogAsync();
await app.RunAsync();
