using AdherenceSync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Consumer.Service.PackageReadme;

// The AdherenceSync package readme's registration snippets, as written (ReadmeTests checks they are).
public static class Registration
{
    public static void FromConfiguration(HostApplicationBuilder builder)
    {
        builder.Services.AddAdherenceSync(builder.Configuration.GetSection("AdherenceSync"));
    }

    public static IAdherenceSyncClient SeveralOrganisations(HostApplicationBuilder builder, IAdherenceSyncClientFactory factory)
    {
        builder.Services.AddAdherenceSync("contoso", builder.Configuration.GetSection("Orgs:Contoso"));
        builder.Services.AddAdherenceSync("fabrikam", builder.Configuration.GetSection("Orgs:Fabrikam"));

        // Each name has its own credentials, token, budget and pacing: a 429 storm in one never slows the other.
        IAdherenceSyncClient contoso = factory.CreateClient("contoso");   // IAdherenceSyncClientFactory, or [FromKeyedServices("contoso")]
        return contoso;
    }
}
