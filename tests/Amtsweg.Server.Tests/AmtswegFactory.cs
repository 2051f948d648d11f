using System.Net;
using System.Text.RegularExpressions;
using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Server;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Amtsweg.Server.Tests;

/// <summary>
/// The real server on one provider with its own store, reached through the test host. Intent methods create
/// tenants and users and sign in the way a person would (through the sign-in form with its antiforgery token).
/// </summary>
public sealed partial class AmtswegFactory : WebApplicationFactory<Program>
{
    private readonly TestDataStore _store;
    private readonly Dictionary<string, string?> _extraSettings;

    private AmtswegFactory(TestDataStore store, Dictionary<string, string?> extraSettings)
    {
        _store = store;
        _extraSettings = extraSettings;
    }

    /// <summary>What the server logged (Information and above).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The clock every component of this server reads.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Replaces or wraps services of the server after its own registrations; set before the server starts (the first client).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>The provider this server runs on.</summary>
    public DatabaseProvider Provider => _store.Provider;

    /// <summary>The test store (for raw database access in tests).</summary>
    public TestDataStore Store => _store;

    /// <summary>Creates a server with a migrated store (PostgreSQL is migrated as owner, as <c>db migrate</c> does).</summary>
    public static async Task<AmtswegFactory> CreateAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null, bool migrate = true)
    {
        var store = migrate
            ? await TestDataStore.CreateMigratedAsync(provider, "server", async template =>
            {
                // As `amtsweg db migrate` does: a host that is built but never started.
                await using var migrationHost = AmtswegApp.Build(AmtswegApp.CreateBuilder([], template.Settings));
                await using var scope = migrationHost.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            })
            : await TestDataStore.CreateAsync(provider);
        return new AmtswegFactory(store, settings ?? []);
    }

    /// <summary>Creates a server whose PostgreSQL database is left unmigrated; it must refuse to start.</summary>
    public static Task<AmtswegFactory> CreateUnmigratedAsync(DatabaseProvider provider) => CreateAsync(provider, migrate: false);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _store.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Amtsweg:Demo:Enabled", "false");
        foreach (var (key, value) in _extraSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            AddSignInTestServices(services);
        });
        if (TestServices is { } testServices)
        {
            builder.ConfigureTestServices(testServices);
        }
    }

    /// <summary>Creates a municipality with a random valid AGS.</summary>
    public async Task<Municipality> CreateMunicipalityAsync(string name = "Teststadt")
    {
        await using var scope = Services.CreateAsyncScope();
        var ags = "09" + Random.Shared.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var result = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().CreateMunicipalityAsync(ags, name, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Error);
    }

    /// <summary>Creates a user with one role; operators get no municipality.</summary>
    public async Task<CreatedUser> CreateUserAsync(Municipality? municipality, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var userName = role.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..8];
        var result = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>()
            .CreateUserAsync(municipality?.Ags, userName, role + " Test", role, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Error);
    }

    /// <summary>A client that keeps cookies and does not follow redirects (tests look at them).</summary>
    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost") });

    /// <summary>Signs in through the sign-in form; returns the response to the form post.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/anmelden");
        return await client.PostAsync("/anmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Creates a user of the given role and returns a client signed in as that user.</summary>
    public async Task<HttpClient> SignInAsAsync(Municipality? municipality, string role)
    {
        var user = await CreateUserAsync(municipality, role);
        var client = CreateBrowserClient();
        var response = await PostSignInAsync(client, user.User.UserName!, user.InitialPassword);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {role} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    /// <summary>Signs in as a clerk (Sachbearbeitung) of the municipality.</summary>
    public Task<HttpClient> SignInAsClerkAsync(Municipality municipality) => SignInAsAsync(municipality, Roles.Sachbearbeitung);

    /// <summary>Reads the antiforgery token of a page's form.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _store.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
