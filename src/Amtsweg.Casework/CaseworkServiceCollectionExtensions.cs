using Amtsweg.Documents;
using Amtsweg.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Amtsweg.Casework;

/// <summary>Registers where the engine and the e-file meet.</summary>
public static class CaseworkServiceCollectionExtensions
{
    /// <summary>
    /// Adds the check of task forms (<see cref="TaskFormCheck"/>), process filing, form submission filing, the DSGVO rights over e-file and processes (<see cref="CaseworkPrivacy"/>), the e-file's retention of process history
    /// for the engine's history cleanup (<see cref="RecordsHistoryRetention"/>) and the built-in job type <c>amtsweg:dokument-erzeugen</c>.
    /// Requires <c>AddAmtswegData</c>, <c>AddAmtswegRecords</c>, <c>AddAmtswegEngine</c> and an <see cref="Documents.ILetterheadSource"/> (the letterhead of letters a process writes).
    /// Letter templates come from an <see cref="ILetterTemplateSource"/>; without one registered, only the shipped ones.
    /// </summary>
    public static IServiceCollection AddAmtswegCasework(this IServiceCollection services)
    {
        services.AddSingleton<TaskFormCheck>();
        services.AddSingleton<IUserTaskFormCheck>(provider => provider.GetRequiredService<TaskFormCheck>());
        services.AddScoped<ProcessVorgang>();
        services.AddScoped<ProcessFiling>();
        services.AddScoped<FormSubmissionFiling>();
        services.AddScoped<CaseworkPrivacy>();
        services.AddScoped<IHistoryRetention, RecordsHistoryRetention>();
        services.TryAddSingleton<ILetterTemplateSource, ShippedLetterTemplateSource>();
        services.AddServiceTaskHandler<GenerateDokumentHandler>();
        return services;
    }
}
