using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Intake;

/// <summary>Registers the Posteingang (called by <c>AddAmtswegRecords</c>).</summary>
public static class IntakeServiceCollectionExtensions
{
    /// <summary>Receiver, processor, worker, OCR and virus scanner, with options from <c>Amtsweg:Records:Intake</c>.</summary>
    public static IServiceCollection AddAmtswegIntake(this IServiceCollection services, IConfiguration? configuration)
    {
        var options = services.AddOptions<IntakeOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(IntakeOptions.Section));
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
        services.AddSingleton<IntakeSignal>();
        services.AddSingleton<IntakeWorker>();
        services.AddSingleton<OcrEngine>();
        services.AddSingleton<VirusScanner>();
        services.AddScoped<IntakeReceiver>();
        services.AddScoped<IntakeProcessor>();
        services.AddScoped<IntakeRetry>();
        return services;
    }
}
