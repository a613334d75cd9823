using Marketplace.Auth.Infrastructure;
using Marketplace.Auth.Security;
using Marketplace.BuildingBlocks.Messaging;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.BuildingBlocks.Security;

namespace Marketplace.Auth.Extensions;

public static class AuthServiceExtensions
{
    public static WebApplicationBuilder AddAuthServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AuthDbContext>();
        builder.AddEventBus<AuthDbContext>();
        var services = builder.Services;
        services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        services.Configure<AdminBootstrapOptions>(builder.Configuration.GetSection(AdminBootstrapOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<ISigningKeySource>(provider => provider.GetRequiredService<SigningKeys>());
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<TokenIssuer>();
        services.AddScoped<RefreshTokenService>();
        services.AddScoped<LoginThrottler>();
        services.AddScoped<UserAccounts>();
        return builder;
    }
}
