using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.BuildingBlocks.Hosting;

public static class DataProtectionWarmUp
{
    /// <summary>
    /// AddAuthentication (and YARP's AddReverseProxy) register data protection with a hosted service that loads its
    /// key ring at start-up, and on a first start writes a new unencrypted key to the home directory. Bearer tokens
    /// need no data protection: without the warm-up the ring loads only if something ever asks for it.
    /// Call it after the last registration that adds data protection.
    /// </summary>
    public static IServiceCollection RemoveDataProtectionWarmUp(this IServiceCollection services)
    {
        var warmUp = services.FirstOrDefault(service =>
            service.ServiceType == typeof(IHostedService) && service.ImplementationType?.Name == "DataProtectionHostedService");
        if (warmUp is not null)
        {
            services.Remove(warmUp);
        }

        return services;
    }
}
