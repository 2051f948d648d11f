using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Library.Katalog;

/// <summary>Registers the catalogue between installations (issue 14.4).</summary>
public static class CatalogueExtensions
{
    /// <summary>Adds the options, the fetcher, the subscriptions and the scheduled fetch.</summary>
    public static IServiceCollection AddAmtswegCatalogue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CatalogueOptions>().Bind(configuration.GetSection(CatalogueOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogueOptions>, CatalogueOptionsValidator>();

        // No redirects: the catalogue names the archives on its own server, and a redirect could lead from HTTPS elsewhere.
        services.AddHttpClient(CatalogueFetcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddScoped<CatalogueFetcher>();
        services.AddScoped<CatalogueSubscriptions>();
        services.AddHostedService<CatalogueFetchService>();
        return services;
    }
}
