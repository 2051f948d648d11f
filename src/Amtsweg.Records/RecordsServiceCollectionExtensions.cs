using Amtsweg.Data;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records;

/// <summary>Registers the e-file.</summary>
public static class RecordsServiceCollectionExtensions
{
    /// <summary>The module name: migration history table <c>__EFMigrationsHistory_Records</c>.</summary>
    public const string Module = "Records";

    /// <summary>
    /// Adds the e-file: its DbContext on the configured provider, the blob store, the command executor and the audit
    /// verifier, with options from <c>Amtsweg:Records</c>. Needs <c>AddAmtswegData</c>.
    /// </summary>
    public static IServiceCollection AddAmtswegRecords(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<RecordsOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(RecordsOptions.Section));
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<RecordsOptions>, RecordsOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddModuleDbContext<RecordsDbContext, SqliteRecordsDbContext, PostgresRecordsDbContext>(Module);
        services.AddSingleton<BlobStore>();
        services.AddScoped<RecordsCommandExecutor>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<RecordsSearch>();
        services.AddScoped<Retention.DisposalList>();
        services.AddSingleton<Retention.BlobCleanup>();
        services.AddScoped<Archive.AussonderungService>();
        services.AddScoped<AktenzeichenRecognizer>();
        services.AddAmtswegIntake(configuration);
        services.AddScoped<Privacy.PrivacyService>();
        services.AddScoped<SearchReindexer>();
        services.AddScoped<Operations.RecordsHealthQuery>();
        return services;
    }
}
