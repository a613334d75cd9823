using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;

namespace Marketplace.Payments.Tests;

/// <summary>The payment service killed between the provider's charge and recording it, then started again.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task A_charge_interrupted_by_a_crash_is_finished_by_the_repeat_without_charging_twice()
    {
        var postgres = await PostgresServer.SharedAsync();
        var redis = await RedisServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("payments_crash");
        var settings = PaymentsServiceFixture.Settings(database, redis, $"pubsub-{Guid.NewGuid():N}");
        var orderId = Guid.NewGuid();
        var payments = ServiceProcess.LocateServiceDll("Payments");

        await using (var crashing = await ServiceProcess.StartAsync(payments, new Dictionary<string, string?>(settings) { ["Payments:CrashAfter"] = "GatewayCharged" }))
        {
            using var client = crashing.CreateClient().WithInternalToken();
            await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsJsonAsync("/api/payments", ChargeTests.Charge(orderId)));
            Assert.True(await crashing.WaitForExitAsync(TimeSpan.FromSeconds(10)), $"Payments:CrashAfter=GatewayCharged did not end the process:\n{crashing.Output}");
        }

        Assert.Equal(1, await Database.ScalarAsync(database, "SELECT count(*) FROM transactions WHERE order_id = $1 AND status = 'Pending'", orderId));
        Assert.Equal(1, await Database.ScalarAsync(database, "SELECT count(*) FROM sandbox_charges"));

        await using var restarted = await ServiceProcess.StartAsync(payments, settings);
        using var retry = restarted.CreateClient().WithInternalToken();
        var response = await retry.PostAsJsonAsync("/api/payments", ChargeTests.Charge(orderId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await response.ReadJsonAsync())["data"]!;
        Assert.Equal("Completed", (string)data["status"]!);
        Assert.Equal(1, await Database.ScalarAsync(database, "SELECT count(*) FROM sandbox_charges"));
        Assert.Equal(2, await Database.ScalarAsync(database, "SELECT attempts FROM sandbox_charges WHERE provider_transaction_id = $1", (string)data["providerTransactionId"]!));
        Assert.Equal(1, await Database.ScalarAsync(database, "SELECT count(*) FROM transactions WHERE order_id = $1", orderId));
        Assert.Equal(1, await Database.ScalarAsync(database, "SELECT count(*) FROM outbox_messages WHERE topic = 'PaymentCompleted'"));
    }
}
