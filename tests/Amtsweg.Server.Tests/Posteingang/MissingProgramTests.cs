using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Intake;
using Amtsweg.Server.Features.Posteingang;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Tests.Posteingang;

/// <summary>
/// A server whose OCR program is missing (a fresh machine): it says so in health and on the Posteingang page, scans
/// wait instead of being refused, and are processed once the program is there.
/// </summary>
public sealed class MissingProgramTests
{
    private const string MissingTesseract = "/nonexistent/amtsweg-test/tesseract";

    private static Dictionary<string, string?> WithoutTesseract() => new()
    {
        ["Amtsweg:Records:Intake:TesseractCommand"] = MissingTesseract,
        // OCRmyPDF would call the tesseract on the PATH; the test is about the configured program.
        ["Amtsweg:Records:Intake:OcrMyPdfCommand"] = "off",
    };

    [Theory]
    [AllProviders]
    public async Task HealthReady_IsDegradedNamingTesseract_AndPosteingangShowsNotice_WhenTesseractCommandDoesNotExist(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, WithoutTesseract());
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var health = await factory.CreateClient().GetAsync("/health/ready");
        var body = await health.Content.ReadFromJsonAsync<JsonElement>();
        var page = await clerk.GetStringAsync("/posteingang");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        var check = body.GetProperty("checks").GetProperty("intake-programs");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains("tesseract (Amtsweg:Records:Intake:TesseractCommand)", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("noch nicht vollständig eingerichtet (es fehlt: tesseract)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/nonexistent", page, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task HealthReady_IsHealthy_AndNoNotice_WhenEveryProgramIsInstalled(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:Records:Intake:TesseractCommand"] = "/usr/bin/tesseract" });
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var body = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/health/ready");
        var page = await clerk.GetStringAsync("/posteingang");

        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("intake-programs").GetProperty("status").GetString());
        Assert.DoesNotContain("es fehlt:", page, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_ScanWithTesseractMissing_WaitsInsteadOfBeingRefused_AndIsProcessedOnceTheSettingPointsToTesseract(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, WithoutTesseract());
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var accepted = await UploadScanAsync(clerk, "Antrag auf Baugenehmigung");
        var waiting = await WaitForStatusAsync(clerk, accepted.Id, "WaitingForSetup", "Failed", "WaitingForFiling");
        var page = await clerk.GetStringAsync("/posteingang");

        // The operator installs the program; the worker's periodic pass (woken here by its signal, as the poll
        // interval would) finds every program present and takes the item up again.
        factory.Services.GetRequiredService<IOptions<IntakeOptions>>().Value.TesseractCommand = "/usr/bin/tesseract";
        factory.Services.GetRequiredService<IntakeSignal>().Notify();
        var processed = await WaitForStatusAsync(clerk, accepted.Id, "WaitingForFiling", "Failed");

        Assert.Equal("WaitingForSetup", waiting.Status);
        Assert.Equal("Das Programm „tesseract“ ist auf dem Server noch nicht eingerichtet. Der Eintrag wartet und wird automatisch verarbeitet, sobald es installiert ist.", waiting.Message);
        Assert.Contains("Wartet auf Einrichtung", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/nonexistent", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        Assert.True(processed.Status == "WaitingForFiling", processed.Message);
        Assert.Null(processed.Message);
        Assert.Contains(processed.Transfervermerk!.Pruefungen, check => check.Ergebnis.Contains("tesseract", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [AllProviders]
    public async Task RetryAndRemove_ByClerkViaRest_ReprocessAndRemove_KeepingABlobAnotherItemUses(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, WithoutTesseract());
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var scan = TestScans.Png("Meldung einer Gewerbeanmeldung");
        var first = await UploadAsync(clerk, scan, "scan-1.png");
        var second = await UploadAsync(clerk, scan, "scan-2.png");
        await WaitForStatusAsync(clerk, first.Id, "WaitingForSetup", "Failed");
        await WaitForStatusAsync(clerk, second.Id, "WaitingForSetup", "Failed");
        var blob = factory.Services.GetRequiredService<global::Amtsweg.Records.Blobs.BlobStore>().PathOf(first.Sha256);

        var retried = await clerk.PostAsync($"/api/posteingang/{first.Id}/retry", null);
        var retriedItem = await retried.Content.ReadFromJsonAsync<IntakeItemResponse>(PosteingangApiTests.Json);
        var waitingAgain = await WaitForStatusAsync(clerk, first.Id, "WaitingForSetup", "Failed");
        var removedFirst = await clerk.DeleteAsync($"/api/posteingang/{first.Id}");
        var blobAfterFirst = File.Exists(blob);
        var goneFirst = await clerk.GetAsync($"/api/posteingang/{first.Id}");
        var removedSecond = await clerk.DeleteAsync($"/api/posteingang/{second.Id}");
        var unknown = await clerk.PostAsync($"/api/posteingang/{Guid.NewGuid()}/retry", null);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        // Back in line; the worker, woken by the retry, may already have taken it.
        Assert.Contains(retriedItem!.Status, new[] { "Received", "Processing", "WaitingForSetup" });
        Assert.Equal("WaitingForSetup", waitingAgain.Status);
        Assert.Equal(HttpStatusCode.NoContent, removedFirst.StatusCode);
        Assert.True(blobAfterFirst, "the blob of the second item with the same content must stay");
        Assert.Equal(HttpStatusCode.NotFound, goneFirst.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removedSecond.StatusCode);
        Assert.False(File.Exists(blob));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task RetryAndRemove_AreRefusedWith409_WhenItemIsWaitingForFiling(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var item = await UploadAsync(clerk, "Ein Brief ohne Aktenzeichen"u8.ToArray(), "brief.txt");
        await WaitForStatusAsync(clerk, item.Id, "WaitingForFiling", "Failed");

        var retry = await clerk.PostAsync($"/api/posteingang/{item.Id}/retry", null);
        var remove = await clerk.DeleteAsync($"/api/posteingang/{item.Id}");

        await PosteingangApiTests.AssertProblemAsync(retry, HttpStatusCode.Conflict, IntakeErrors.NotStopped, "„brief.txt“ wurde weder abgewiesen");
        await PosteingangApiTests.AssertProblemAsync(remove, HttpStatusCode.Conflict, IntakeErrors.NotStopped, "„brief.txt“ wurde weder abgewiesen");
    }

    private static Task<IntakeItemResponse> UploadScanAsync(HttpClient clerk, string text) => UploadAsync(clerk, TestScans.Png(text), "scan.png");

    private static async Task<IntakeItemResponse> UploadAsync(HttpClient clerk, byte[] content, string name)
    {
        var response = await clerk.PostAsync("/api/posteingang", PosteingangApiTests.Form(content, name));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IntakeItemResponse>(PosteingangApiTests.Json))!;
    }

    // The background service processes the item; this waits for one of the statuses explicitly (polling, with a generous deadline).
    private static async Task<IntakeItemResponse> WaitForStatusAsync(HttpClient client, Guid id, params string[] statuses)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var item = await client.GetFromJsonAsync<IntakeItemResponse>($"/api/posteingang/{id}", PosteingangApiTests.Json, deadline.Token);
            if (statuses.Contains(item!.Status))
            {
                return item;
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
