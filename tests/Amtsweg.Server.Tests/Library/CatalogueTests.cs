using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Library.Packages;
using Amtsweg.Library.Signing;
using Amtsweg.Server.Features.Library;
using Amtsweg.Server.Features.Library.Katalog;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Library;

/// <summary>
/// Issue 14.4: two real server instances on loopback exchange a signed package. A publishes (a package handed in and
/// installed in one of its municipalities), B subscribes to A's catalogue URL, fetches over HTTP and installs.
/// </summary>
public class CatalogueTests
{
    private const string PublisherAgs = "09999999";

    [Theory]
    [AllProviders]
    public async Task Fetch_TakesThePublishedPackage_WhichInstallsOnB_AndASecondFetchDoublesNothing(DatabaseProvider provider)
    {
        await using var a = await LoopbackServer.StartAsync(provider);
        await using var b = await LoopbackServer.StartAsync(provider);
        using var key = PackageKey.Create();
        using var package = new PackageFixture();
        var signed = await PublishAsync(a, package, key);

        using var http = new HttpClient();
        var catalogue = JsonNode.Parse(await http.GetStringAsync(a.Catalogue))!;
        Assert.Equal((CatalogueDocument.FormatVersion, "Kreis-IT A"), ((string?)catalogue["format"], (string?)catalogue["installation"]));
        var entry = Assert.Single(catalogue["packages"]!.AsArray())!;
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(signed));
        Assert.Equal(("hundesteuer-test", "1.0.0", PublisherAgs, key.PublicKey, sha256, signed.Length), ((string?)entry["id"], (string?)entry["version"], (string?)entry["publisherAgs"], (string?)entry["publicKey"], (string?)entry["sha256"], (int)entry["size"]!));
        using var download = await http.GetAsync((string)entry["url"]!);
        Assert.Equal(("application/zip", $"\"{sha256}\""), (download.Content.Headers.ContentType!.MediaType, download.Headers.ETag!.Tag));
        Assert.Equal(signed, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(a.Base + "api/bibliothek/pakete/hundesteuer-test/9.9.9")).StatusCode);

        var subscription = await b.SubscribeAsync(a.Catalogue);
        var first = await b.FetchAsync(subscription);

        Assert.Equal((1, 0), (first.Imported, first.Known));
        Assert.Empty(first.Problems);
        var taken = Assert.Single(await b.LibraryAsync());
        Assert.Equal((LibraryPackageOrigin.Katalog, a.Catalogue, key.PublicKey, sha256), (taken.Origin, taken.CatalogueUrl, taken.PublisherPublicKey, taken.Sha256));
        Assert.Equal(signed, taken.Archive);
        var pin = Assert.Single(await b.PinsAsync());
        Assert.Equal((PublisherAgs, key.PublicKey, a.Catalogue, CatalogueFetcher.FirstUseActor, (string?)null), (pin.PublisherAgs, pin.PublicKey, pin.CatalogueUrl, pin.PinnedBy, pin.PendingPublicKey));

        var municipality = await b.CreateMunicipalityAsync("12345678", "Nachnutzstadt");
        await using (var scope = b.Services.CreateTenantScope(municipality.Id))
        {
            var installed = await scope.ServiceProvider.GetRequiredService<PackageInstaller>()
                .InstallAsync(taken.Id, new Dictionary<string, JsonNode?> { ["steuerErsterHund"] = 75 }, "gestalterin", CancellationToken.None);
            Assert.Equal((PackageInstallKind.Installed, "1.0.0"), (installed.Kind, installed.Manifest.Version));
        }

        var second = await b.FetchAsync(subscription);
        Assert.Equal((0, 1), (second.Imported, second.Known));
        Assert.Empty(second.Problems);
        Assert.Single(await b.LibraryAsync());
        Assert.Single(await b.PinsAsync());
        var recorded = await b.SubscriptionAsync(subscription);
        Assert.Equal((0, (string?)null), (recorded.LastImported, recorded.LastError));
        Assert.NotNull(recorded.LastFetchedAt);

        // What B took from a catalogue it does not pass on.
        var ofB = JsonNode.Parse(await http.GetStringAsync(b.Catalogue))!;
        Assert.Empty(ofB["packages"]!.AsArray());
    }

    [Theory]
    [AllProviders]
    public async Task Fetch_HoldsBackAnotherKeyOfTheSamePublisher_UntilTheChangeIsAccepted(DatabaseProvider provider)
    {
        await using var a = await LoopbackServer.StartAsync(provider);
        await using var b = await LoopbackServer.StartAsync(provider);
        using var first = PackageKey.Create();
        using var second = PackageKey.Create();
        using var package = new PackageFixture();
        await PublishAsync(a, package, first);
        var subscription = await b.SubscribeAsync(a.Catalogue);
        Assert.Equal(1, (await b.FetchAsync(subscription)).Imported);

        package.Manifest(m => m["version"] = "1.1.0");
        await PublishAsync(a, package, second);
        var changed = await b.FetchAsync(subscription);

        Assert.Equal((0, 1), (changed.Imported, changed.Known));
        var problem = Assert.Single(changed.Problems);
        Assert.Contains("hundesteuer-test 1.1.0", problem, StringComparison.Ordinal);
        Assert.Contains("anderen Schlüssel", problem, StringComparison.Ordinal);
        Assert.Contains(PackageKey.Fingerprint(second.PublicKey), problem, StringComparison.Ordinal);
        Assert.Equal(["1.0.0"], (await b.LibraryAsync()).Select(p => p.Version));
        var pending = Assert.Single(await b.PinsAsync());
        Assert.Equal((first.PublicKey, second.PublicKey, a.Catalogue), (pending.PublicKey, pending.PendingPublicKey, pending.PendingCatalogueUrl));
        Assert.Equal(problem, (await b.SubscriptionAsync(subscription)).LastError);

        // Held back again on the next fetch, and only the key that waits can be accepted.
        Assert.Single((await b.FetchAsync(subscription)).Problems);
        await using (var scope = b.Services.CreateAsyncScope())
        {
            var subscriptions = scope.ServiceProvider.GetRequiredService<CatalogueSubscriptions>();
            var wrong = await Assert.ThrowsAsync<CatalogueEntryException>(() => subscriptions.AcceptKeyChangeAsync(PublisherAgs, first.PublicKey, "betrieb", CancellationToken.None));
            Assert.Contains("anderer Schlüssel", wrong.Message, StringComparison.Ordinal);
            await subscriptions.AcceptKeyChangeAsync(PublisherAgs, second.PublicKey, "betrieb", CancellationToken.None);
        }

        var accepted = await b.FetchAsync(subscription);
        Assert.Equal((1, 1), (accepted.Imported, accepted.Known));
        Assert.Empty(accepted.Problems);
        Assert.Equal(["1.0.0", "1.1.0"], (await b.LibraryAsync()).Select(p => p.Version).Order());
        var pin = Assert.Single(await b.PinsAsync());
        Assert.Equal((second.PublicKey, (string?)null, "betrieb"), (pin.PublicKey, pin.PendingPublicKey, pin.PinnedBy));
    }

    [Theory]
    [AllProviders]
    public async Task Fetch_TakesNothingAndSaysWhyInGerman_WhenArchiveOrCatalogueIsBad(DatabaseProvider provider)
    {
        await using var a = await LoopbackServer.StartAsync(provider);
        await using var b = await LoopbackServer.StartAsync(provider, new() { ["Amtsweg:Katalog:MaxArchiveBytes"] = "1000" });
        await using var c = await LoopbackServer.StartAsync(provider);
        using var key = PackageKey.Create();
        using var package = new PackageFixture();
        await PublishAsync(a, package, key);

        // Oversized: B takes archives of at most 1,000 bytes.
        var small = await b.FetchAsync(await b.SubscribeAsync(a.Catalogue));
        Assert.Contains("höchstens 1000 Bytes", Assert.Single(small.Problems), StringComparison.Ordinal);

        // Tampered: A's stored archive changes after publication; the catalogue still names the published hash.
        await using (var scope = a.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var stored = await db.LibraryPackages.SingleAsync();
            var bytes = stored.Archive.ToArray();
            bytes[bytes.Length / 2] ^= 0x5A;
            stored.Archive = bytes;
            await db.SaveChangesAsync();
        }

        var tampered = await c.FetchAsync(await c.SubscribeAsync(a.Catalogue));
        Assert.Contains("SHA-256", Assert.Single(tampered.Problems), StringComparison.Ordinal);

        // Unreachable: a port nobody listens on.
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var unreachable = await c.FetchAsync(await c.SubscribeAsync($"http://127.0.0.1:{port}/api/bibliothek/katalog"));
        Assert.Contains("nicht erreichbar", Assert.Single(unreachable.Problems), StringComparison.Ordinal);

        // Garbage: a page, not a catalogue; and an address that does not exist.
        var garbage = await c.FetchAsync(await c.SubscribeAsync(a.Base + "anmelden"));
        Assert.Contains("kein gültiges JSON", Assert.Single(garbage.Problems), StringComparison.Ordinal);
        var missing = await c.FetchAsync(await c.SubscribeAsync(a.Base + "api/bibliothek/pakete/gibts/nicht"));
        Assert.Contains("404", Assert.Single(missing.Problems), StringComparison.Ordinal);

        Assert.Empty(await b.LibraryAsync());
        Assert.Empty(await b.PinsAsync());
        Assert.Empty(await c.LibraryAsync());
        Assert.Empty(await c.PinsAsync());
        Assert.Equal(Assert.Single(small.Problems), (await b.SubscriptionAsync((await b.SubscriptionsAsync()).Single().Id)).LastError);
    }

    [Theory]
    [InlineData("ftp://example.org/katalog", "keine gültige Adresse")]
    [InlineData("http://example.org/api/bibliothek/katalog", "nur über HTTPS")]
    [InlineData("https://nutzer:geheim@example.org/katalog", "Benutzernamen")]
    [InlineData("kein Link", "keine gültige Adresse")]
    public async Task Subscribe_IsRefusedInGerman_AndStoresNothing_WhenTheAddressIsNotAllowed(string url, string message)
    {
        await using var b = await LoopbackServer.StartAsync(DatabaseProvider.Sqlite);
        var error = await Assert.ThrowsAsync<CatalogueEntryException>(() => b.SubscribeAsync(url));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(await b.SubscriptionsAsync());
    }

    /// <summary>Signs the fixture's folder with the key and installs it as handed in into A's municipality of the publisher (created once).</summary>
    internal static async Task<byte[]> PublishAsync(LoopbackServer a, PackageFixture package, PackageKey key)
    {
        var files = await PackageReader.ReadFolderAsync(package.Path);
        var validation = await PackageValidator.ValidateAsync(files);
        Assert.True(validation.IsValid, string.Join("\n", validation.Problems));
        var signed = PackageSigner.Pack(files, validation.Manifest!, key);
        var municipality = await a.MunicipalityAsync(PublisherAgs) ?? await a.CreateMunicipalityAsync(PublisherAgs, "Musterstadt");
        await using var scope = a.Services.CreateTenantScope(municipality.Id);
        await scope.ServiceProvider.GetRequiredService<PackageInstaller>()
            .InstallAsync(signed, LibraryPackageOrigin.Hochgeladen, new Dictionary<string, JsonNode?>(), "herausgeberin", allowUnsigned: false, CancellationToken.None);
        return signed;
    }

    /// <summary>A real server on 127.0.0.1 with a random port and its own migrated store.</summary>
    internal sealed class LoopbackServer : IAsyncDisposable
    {
        private readonly TestDataStore _store;
        private readonly WebApplication _app;

        private LoopbackServer(TestDataStore store, WebApplication app, Uri address)
        {
            _store = store;
            _app = app;
            Base = address;
        }

        public Uri Base { get; }

        public string Catalogue => Base + "api/bibliothek/katalog";

        public IServiceProvider Services => _app.Services;

        public static async Task<LoopbackServer> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? extra = null)
        {
            var store = await TestDataStore.CreateMigratedAsync(provider, "server", async template =>
            {
                await using var migrationHost = AmtswegApp.Build(AmtswegApp.CreateBuilder([], template.Settings));
                await using var scope = migrationHost.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            });
            var settings = new Dictionary<string, string?>(store.Settings)
            {
                ["urls"] = "http://127.0.0.1:0",
                ["Amtsweg:Demo:Enabled"] = "false",
                ["Amtsweg:JobExecutor:Enabled"] = "false",
                ["Amtsweg:Katalog:Name"] = "Kreis-IT A",
                ["Amtsweg:Katalog:FetchInterval"] = "00:00:00",
            };
            foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
            {
                settings[name] = value;
            }

            var app = AmtswegApp.Build(AmtswegApp.CreateBuilder([], settings));
            await app.StartAsync();
            return new LoopbackServer(store, app, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
        }

        public async Task<Municipality?> MunicipalityAsync(string ags)
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Municipalities.AsNoTracking().SingleOrDefaultAsync(m => m.Ags == ags);
        }

        public async Task<Municipality> CreateMunicipalityAsync(string ags, string name)
        {
            await using var scope = Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().CreateMunicipalityAsync(ags, name, CancellationToken.None);
            return result.Value ?? throw new InvalidOperationException(result.Error);
        }

        public async Task<Guid> SubscribeAsync(string url)
        {
            await using var scope = Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<CatalogueSubscriptions>().AddAsync(url, "Kreis-IT A", "betrieb", CancellationToken.None)).Id;
        }

        public async Task<CatalogueFetchResult> FetchAsync(Guid subscription)
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CatalogueFetcher>().FetchAsync(subscription, CancellationToken.None);
        }

        public Task<List<LibraryPackage>> LibraryAsync() => QueryAsync(db => db.LibraryPackages.AsNoTracking().ToListAsync());

        public Task<List<PinnedPublisherKey>> PinsAsync() => QueryAsync(db => db.PinnedPublisherKeys.AsNoTracking().ToListAsync());

        public Task<List<CatalogueSubscription>> SubscriptionsAsync() => QueryAsync(db => db.CatalogueSubscriptions.AsNoTracking().ToListAsync());

        public Task<CatalogueSubscription> SubscriptionAsync(Guid id) => QueryAsync(db => db.CatalogueSubscriptions.AsNoTracking().SingleAsync(s => s.Id == id));

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            await _store.DisposeAsync();
        }

        private async Task<T> QueryAsync<T>(Func<PlatformDbContext, Task<T>> query)
        {
            await using var scope = Services.CreateAsyncScope();
            return await query(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
        }
    }
}
