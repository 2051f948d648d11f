using System.Globalization;
using Amtsweg.Casework;
using Amtsweg.Data;
using Amtsweg.Documents;
using Amtsweg.Engine;
using Amtsweg.Integration.Connectors;
using Amtsweg.Records;
using Amtsweg.Server.Features;
using Amtsweg.Server.Features.Library;
using Amtsweg.Server.Features.Library.Katalog;
using Amtsweg.Server.Features.Posteingang.Mailbox;
using Amtsweg.Server.Features.Webhooks;
using Amtsweg.Server.Hosting;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server;

/// <summary>Builds the Amtsweg web server. Used by <c>Program</c>, by <c>amtsweg serve</c> and by the tests.</summary>
public static class AmtswegApp
{
    /// <summary>Where the server listens unless <c>--urls</c> or <c>ASPNETCORE_URLS</c> say otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Creates the builder with every module registered. <paramref name="settings"/> override configuration (CLI flags).</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(AmtswegApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.WebHost.UseUrls(builder.Configuration["urls"] is { Length: > 0 } urls ? urls : DefaultUrls);
        builder.Host.ConfigureHostOptions(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Logging.AddAmtswegLogging(builder.Configuration);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);

        // Hosted services start in registration order: the database (and the data folder it lives in) must exist
        // before the data protection key ring or a background worker reads from it.
        services.AddHostedService<DatabaseStartup>();
        services.AddOptions<ServerOptions>().Configure<IConfiguration>(BindServerOptions).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        services.AddReverseProxyHeaders();
        services.AddAmtswegData(builder.Configuration);
        services.AddModuleDbContext<PlatformDbContext, SqlitePlatformDbContext, PostgresPlatformDbContext>("Platform");
        services.AddAmtswegRecords(builder.Configuration);
        services.AddAmtswegEngine(options => builder.Configuration.GetSection(Amtsweg.Engine.ProcessEngineOptions.Section).Bind(options));
        services.AddAmtswegCasework();
        services.AddAmtswegLibrary();
        services.AddAmtswegCatalogue(builder.Configuration);
        services.AddScoped<ILetterheadSource, PlatformLetterheadSource>();
        services.AddScoped<ILetterTemplateSource, PlatformLetterTemplateSource>();
        services.AddSingleton<SecretProtection>();
        services.AddScoped<Amtsweg.Integration.Connectors.IConnectorSecrets, PlatformConnectorSecrets>();
        services.AddAmtswegConnectors(options => builder.Configuration.GetSection(ConnectorOptions.Section).Bind(options));
        services.AddDataProtection()
            .SetApplicationName("Amtsweg")
            .PersistKeysToDbContext<PlatformDbContext>();
        services.AddAmtswegSecurity(builder.Configuration);
        services.AddAmtswegOperations(builder.Configuration);
        services.AddAmtswegWeb();
        services.AddAmtswegWebhooks(builder.Configuration);
        services.AddHostedService<Features.Posteingang.IntakeBackgroundService>();
        services.AddAmtswegMailboxes(builder.Configuration);
        services.AddAmtswegJobExecutor(builder.Configuration);
        services.AddAmtswegHistoryCleanup(builder.Configuration);
        return builder;
    }

    /// <summary>Builds the application with its middleware and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();

        // First: everything after it (HSTS, Secure cookies, the upload Origin check) sees the scheme and client of
        // the request a trusted reverse proxy received.
        app.UseReverseProxyHeaders();
        app.UseSecurityHeaders();

        // The API answers in problem details (ApiProblems), pages with the German error page.
        app.UseExceptionHandler("/fehler/500");
        app.UseWhen(ApiProblems.IsApi, api => api.UseStatusCodePages(ApiProblems.WriteStatusProblemAsync).UseJsonBodyLimit());
        app.UseWhen(context => !ApiProblems.IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/fehler/{0}"));
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("de"),
            SupportedCultures = [new CultureInfo("de"), new CultureInfo("en")],
            SupportedUICultures = [new CultureInfo("de"), new CultureInfo("en")],
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(typeof(AmtswegApp).Assembly, "wwwroot"),
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseTenantResolution();
        app.UseRequiredPasswordChange();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapAmtswegHealth();
        app.MapAmtswegFeatures();
        return app;
    }

    private static void BindServerOptions(ServerOptions options, IConfiguration configuration)
    {
        options.SessionIdleTimeoutMinutes = configuration.GetValue("Amtsweg:Session:IdleTimeoutMinutes", options.SessionIdleTimeoutMinutes);
        options.SessionAbsoluteLifetimeHours = configuration.GetValue("Amtsweg:Session:AbsoluteLifetimeHours", options.SessionAbsoluteLifetimeHours);
        options.SessionMinIdleTimeoutMinutes = configuration.GetValue("Amtsweg:Session:MinIdleTimeoutMinutes", options.SessionMinIdleTimeoutMinutes);
        options.SessionMaxIdleTimeoutMinutes = configuration.GetValue("Amtsweg:Session:MaxIdleTimeoutMinutes", options.SessionMaxIdleTimeoutMinutes);
        options.SessionValidationIntervalSeconds = configuration.GetValue("Amtsweg:Session:ValidationIntervalSeconds", options.SessionValidationIntervalSeconds);
        options.SecureCookies = configuration.GetValue("Amtsweg:Session:SecureCookies", options.SecureCookies);
        options.DemoEnabled = configuration.GetValue("Amtsweg:Demo:Enabled", options.DemoEnabled);
        options.OtlpEndpoint = configuration.GetValue<Uri?>("Amtsweg:Telemetry:OtlpEndpoint");
        options.LogFormat = configuration.GetValue("Amtsweg:Logging:Format", options.LogFormat)!;
        options.MaxJsonBytes = configuration.GetValue("Amtsweg:Api:MaxJsonBytes", options.MaxJsonBytes);
        options.KnownProxies = ReverseProxy.ReadList(configuration.GetSection("Amtsweg:ReverseProxy:KnownProxies"));
        options.KnownNetworks = ReverseProxy.ReadList(configuration.GetSection("Amtsweg:ReverseProxy:KnownNetworks"));
    }
}
