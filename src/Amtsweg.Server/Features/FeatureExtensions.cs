using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Account.Me;
using Amtsweg.Server.Features.Administration.Users;
using Amtsweg.Server.Features.Akten;
using Amtsweg.Server.Features.Aktenplan;
using Amtsweg.Server.Features.ApiClients.Token;
using Amtsweg.Server.Features.Beteiligte;
using Amtsweg.Server.Features.Dokumente;
using Amtsweg.Server.Features.Incidents;
using Amtsweg.Server.Features.Library.Katalog;
using Amtsweg.Server.Features.Operations.Health;
using Amtsweg.Server.Features.Operations.Municipalities;
using Amtsweg.Server.Features.Posteingang;
using Amtsweg.Server.Features.Privacy;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Search;
using Amtsweg.Server.Features.Tasks;
using Amtsweg.Server.Features.Vermerke;
using Amtsweg.Server.Features.Vorgaenge;
using Amtsweg.Server.Features.Webhooks;
using Amtsweg.Server.Features.Wiedervorlagen;
using Amtsweg.Server.Features.WorkerApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.WebEncoders;

namespace Amtsweg.Server.Features;

/// <summary>Registers the UI and the API; one Map call per feature.</summary>
public static class FeatureExtensions
{
    /// <summary>Razor Pages under <c>Features/</c>, localization, problem details and OpenAPI.</summary>
    public static IServiceCollection AddAmtswegWeb(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddRazorPages(options => options.RootDirectory = "/Features")
            .AddApplicationPart(typeof(FeatureExtensions).Assembly)
            .AddViewLocalization();
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();

        // Malformed JSON reaches ApiExceptionHandler as an exception with its line, instead of a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // Umlauts and ß stay readable in the HTML instead of becoming character references.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddOpenApi();
        services.AddScoped<RecordsReader>();
        services.AddScoped<ActorNames>();
        services.AddScoped<Posteingang.IntakeFiling>();
        services.AddScoped<Tasks.Pages.TaskRows>();
        services.AddScoped<Tasks.Pages.MyTasks>();
        services.AddScoped<Tasks.TaskCallers>();
        services.AddScoped<Administration.Users.UserAdministration>();
        services.AddScoped<Account.OwnAccount>();
        services.AddScoped<Administration.ApiClients.ApiClientAdministration>();
        services.AddScoped<Administration.Teams.TeamAdministration>();
        services.AddScoped<Administration.Secrets.SecretAdministration>();
        services.AddScoped<Administration.Mail.MailAdministration>();
        services.AddScoped<Administration.Mail.MailboxAdministration>();
        services.AddServiceTaskHandler<Mail.EmailTaskHandler>();
        services.AddScoped<Administration.Webhooks.WebhookAdministration>();
        services.AddScoped<Operations.Health.MunicipalityHealth>();
        services.AddScoped<Operations.Health.OperatorIncidents>();
        return services;
    }

    /// <summary>Maps pages, the OpenAPI document and every API feature.</summary>
    public static IEndpointRouteBuilder MapAmtswegFeatures(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        endpoints.MapMe();
        endpoints.MapCatalogue();
        endpoints.MapWebhooks();
        endpoints.MapToken();
        endpoints.MapUsers();
        endpoints.MapMunicipalities();
        endpoints.MapMunicipalityHealth();
        endpoints.MapProcesses();
        endpoints.MapTasks();
        endpoints.MapIncidents();
        endpoints.MapPosteingang();
        endpoints.MapPrivacy();
        endpoints.MapAktenplan();
        endpoints.MapAkten();
        endpoints.MapVorgaenge();
        endpoints.MapVermerke();
        endpoints.MapWiedervorlagen();
        endpoints.MapDokumente();
        endpoints.MapBeteiligte();
        endpoints.MapSearch();
        endpoints.MapWorkerApi();
        return endpoints;
    }
}
