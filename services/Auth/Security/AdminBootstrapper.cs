using Marketplace.BuildingBlocks.Security;
using Microsoft.Extensions.Options;

namespace Marketplace.Auth.Security;

/// <summary>Creates the first admin from configuration/secrets at start-up, once; later admins are created by an admin.</summary>
public static class AdminBootstrapper
{
    public static async Task EnsureAdminAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AdminBootstrapOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminBootstrapper));
        if (string.IsNullOrWhiteSpace(options.Email) || string.IsNullOrWhiteSpace(options.Password))
        {
            logger.LogWarning("No bootstrap admin configured (Marketplace:Admin:Email / Marketplace:Admin:Password)");
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        if (await accounts.FindByEmailAsync(options.Email, CancellationToken.None) is not null)
        {
            return;
        }

        var created = await accounts.CreateAsync(options.Name, options.Email, options.Password, Roles.Admin, CancellationToken.None);
        if (created is not null)
        {
            logger.LogInformation("Bootstrap admin {Email} created", created.Email);
        }
    }
}
