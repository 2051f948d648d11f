using Amtsweg.Data;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Amtsweg.Engine;

/// <summary>Registers the process engine.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>The engine's module name (its migration history, its part in a shared unit of work).</summary>
    public const string Module = "Engine";

    /// <summary>
    /// Adds the engine: its DbContext (module "Engine", on the configured provider), options, the shared configuration
    /// and a scoped <see cref="IProcessEngine"/>. Requires <c>AddAmtswegData</c>.
    /// </summary>
    public static IServiceCollection AddAmtswegEngine(this IServiceCollection services, Action<ProcessEngineOptions>? configure = null)
    {
        services.AddModuleDbContext<EngineDbContext, SqliteEngineDbContext, PostgresEngineDbContext>(Module);
        var options = services.AddOptions<ProcessEngineOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProcessEngineOptions>, ProcessEngineOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new ProcessEngineConfiguration(
            provider.GetRequiredService<IOptions<ProcessEngineOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetServices<ICommandInterceptor>(),
            provider.GetService<IUserTaskFormCheck>())
        {
            StartVariables = provider.GetService<IProcessStartVariables>(),
        });
        services.TryAddSingleton(provider => provider.GetRequiredService<ProcessEngineConfiguration>().WakeUp);
        services.TryAddScoped<IProcessEngine, ProcessEngine>();
        services.TryAddScoped<IExternalJobs, ExternalJobs>();
        services.TryAddScoped<HistoryCleanup>();
        return services;
    }

    /// <summary>Registers the host's variables for every new instance (<see cref="IProcessStartVariables"/>), a singleton.</summary>
    public static IServiceCollection AddProcessStartVariables<TProvider>(this IServiceCollection services)
        where TProvider : class, IProcessStartVariables
    {
        services.AddSingleton<TProvider>();
        services.AddSingleton<IProcessStartVariables>(provider => provider.GetRequiredService<TProvider>());
        return services;
    }

    /// <summary>Registers an in-process handler for the service tasks of its job type.</summary>
    public static IServiceCollection AddServiceTaskHandler<THandler>(this IServiceCollection services)
        where THandler : class, IServiceTaskHandler
    {
        services.AddScoped<IServiceTaskHandler, THandler>();
        return services;
    }
}
