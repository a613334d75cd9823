using System.Collections.Concurrent;
using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Invocation;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.BuildingBlocks.Tests;

public sealed record ProbeHappened(string Note) : IntegrationEvent;

public sealed class HandledEvent
{
    public Guid EventId { get; set; }
    public required string Note { get; set; }
}

public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : DbContext(options)
{
    public DbSet<HandledEvent> Handled => Set<HandledEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HandledEvent>(handled =>
        {
            handled.ToTable("handled_events");
            handled.HasKey(h => h.EventId);
        });
        modelBuilder.AddOutboxAndInbox();
    }

    public static ProbeDbContext Open(string connectionString) =>
        new(DatabaseExtensions.Configure(new DbContextOptionsBuilder<ProbeDbContext>(), connectionString).Options);
}

/// <summary>Counts deliveries per event and fails the ones a test asks to fail.</summary>
public sealed class DeliveryLog
{
    public ConcurrentDictionary<Guid, int> Deliveries { get; } = new();
    public ConcurrentDictionary<Guid, int> FailuresToInject { get; } = new();

    public int DeliveriesOf(Guid id) => Deliveries.TryGetValue(id, out var count) ? count : 0;
}

/// <summary>A minimal service built from the building blocks: an outbox, a subscription and a peer client.</summary>
public sealed class ProbeApp : IAsyncDisposable
{
    private ProbeApp(WebApplication app, int port)
    {
        App = app;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public DeliveryLog Log => App.Services.GetRequiredService<DeliveryLog>();

    public static async Task<ProbeApp> StartAsync(IDictionary<string, string?> settings)
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddServiceDefaults("probe");
        builder.AddServiceDatabase<ProbeDbContext>();
        builder.AddEventBus<ProbeDbContext>();
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddServiceClient<PeerClient>("orders");

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapSubscription<ProbeHappened>(HandleAsync);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        return new ProbeApp(app, port);
    }

    private static async Task<IResult> HandleAsync(ProbeHappened probe, ProbeDbContext db, DeliveryLog log, CancellationToken cancellationToken)
    {
        log.Deliveries.AddOrUpdate(probe.Id, 1, (_, count) => count + 1);
        if (probe.Note == "drop")
        {
            return EventResults.Drop();
        }

        if (probe.Note == "retry")
        {
            return EventResults.Retry();
        }

        if (log.FailuresToInject.TryGetValue(probe.Id, out var remaining) && remaining > 0)
        {
            log.FailuresToInject[probe.Id] = remaining - 1;
            return TypedResults.StatusCode(StatusCodes.Status500InternalServerError);
        }

        await db.HandleOnceAsync(probe, "probe", _ =>
        {
            db.Handled.Add(new HandledEvent { EventId = probe.Id, Note = probe.Note });
            return Task.CompletedTask;
        }, cancellationToken);
        return EventResults.Success();
    }

    public async Task PublishAsync(params ProbeHappened[] events)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
        foreach (var probe in events)
        {
            db.AddEvent(probe);
        }

        await db.SaveChangesAsync();
    }

    public async Task<bool> HandledAsync(Guid eventId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Handled.AnyAsync(h => h.EventId == eventId);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

public sealed class PeerClient(HttpClient http)
{
    public Task<HttpResponseMessage> GetOrderAsync(string id) => http.GetAsync($"/api/orders/{id}");
}
