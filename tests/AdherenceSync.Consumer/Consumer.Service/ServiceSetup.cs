using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Consumer.Service;

public static class ServiceSetup
{
    public static HostApplicationBuilder AddExporter(this HostApplicationBuilder builder)
    {
        builder.Services.AddAdherenceSync(builder.Configuration.GetSection("AdherenceSync"));
        builder.Services.AddSingleton<AdherenceExporter>();
        return builder;
    }
}
