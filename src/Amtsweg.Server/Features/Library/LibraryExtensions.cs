using Amtsweg.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Features.Library;

/// <summary>Registers the process library's services (issue 14).</summary>
public static class LibraryExtensions
{
    /// <summary>Adds <see cref="PackageInstaller"/>, the library pages' <see cref="Bibliothek.LibraryShelf"/> and the <c>parameter</c> of installed packages at every start (<see cref="PackageParameterCache"/>).</summary>
    public static IServiceCollection AddAmtswegLibrary(this IServiceCollection services)
    {
        services.AddScoped<PackageInstaller>();
        services.AddScoped<Bibliothek.LibraryShelf>();
        services.AddScoped<Bibliothek.PackageReviews>();
        services.AddSingleton<Bibliothek.LibraryManifests>();
        services.AddScoped<Veroeffentlichen.PackagePublishing>();
        services.AddProcessStartVariables<PackageParameterCache>();
        return services;
    }
}
