using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Server.Features.Posteingang;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Posteingang;

public sealed class PosteingangApiTests
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Upload_WithTargetVorgang_IsProcessedInTheBackground_AndFiled(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var vorgang = await CreateVorgangAsync(factory, municipality);

        var response = await clerk.PostAsync($"/api/posteingang?vorgang={vorgang.Id}", Form("Nachreichung zum Antrag, Anlage 2"u8.ToArray(), "nachreichung.txt"));
        var accepted = await response.Content.ReadFromJsonAsync<IntakeItemResponse>(Json);
        var done = await WaitUntilProcessedAsync(clerk, accepted!.Id);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/posteingang/{accepted.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal("Received", accepted.Status);
        Assert.Equal("Api", accepted.Source);
        Assert.True(done.Status == "Filed", done.Message);
        Assert.Equal(vorgang.Id, done.FiledVorgangId);
        Assert.NotNull(done.FiledDokumentId);
        Assert.Equal(accepted.Sha256, done.Transfervermerk!.Sha256);
        Assert.Equal("Schnittstelle (REST-API)", done.Transfervermerk.Quelle);
    }

    [Theory]
    [AllProviders]
    public async Task Upload_Of2GB_IsRefusedWith413AtTheLimit_WithoutBuffering_AndServerStaysResponsive(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Amtsweg:Records:MaxUploadBytes"] = "4194304" });
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var body = new ZeroStream(2L * 1024 * 1024 * 1024);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        // Chunked (no Content-Length): the server finds out while reading.
        var streamed = await clerk.PostAsync("/api/posteingang", Form(body, "riesig.pdf"));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var problem = await streamed.Content.ReadFromJsonAsync<JsonElement>();

        // With a Content-Length: refused before a byte of the body is read.
        using var declared = new HttpRequestMessage(HttpMethod.Post, "/api/posteingang") { Content = new StreamContent(new ZeroStream(1)) };
        declared.Content.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data") { Parameters = { new NameValueHeaderValue("boundary", "grenze") } };
        declared.Content.Headers.ContentLength = 2L * 1024 * 1024 * 1024;
        var refusedEarly = await clerk.SendAsync(declared, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal("records.upload-too-large", problem.GetProperty("code").GetString());
        Assert.Equal("Die Datei ist größer als die erlaubten 4 MB. Bitte teilen Sie sie auf oder scannen Sie mit geringerer Auflösung.", problem.GetProperty("title").GetString());
        Assert.True(body.Position < 64L * 1024 * 1024, $"the server read {body.Position} bytes");
        Assert.True(allocated < 256L * 1024 * 1024, $"{allocated} bytes allocated");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refusedEarly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/health/live")).StatusCode);
        Assert.Empty((await clerk.GetFromJsonAsync<List<IntakeItemResponse>>("/api/posteingang", Json))!);
        Assert.Empty(Directory.GetFiles(Path.Combine(factory.Store.Settings["Amtsweg:DataDirectory"]!, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [AllProviders]
    public async Task Upload_BadInput_GetsGermanProblemDetails_AndStoresNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var foreignVorgang = await CreateVorgangAsync(factory, await factory.CreateMunicipalityAsync("Fremdstadt"));
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

        var mismatch = await clerk.PostAsync("/api/posteingang", Form(png, "rechnung.pdf"));
        var corrupt = await clerk.PostAsync("/api/posteingang", Form("%PDF-1.4 kaputt"u8.ToArray(), "antrag.pdf"));
        var noFile = await clerk.PostAsync("/api/posteingang", new MultipartFormDataContent { { new StringContent("x"), "anderes" } });
        var foreign = await clerk.PostAsync($"/api/posteingang?vorgang={foreignVorgang.Id}", Form("Text"u8.ToArray(), "brief.txt"));

        await AssertProblemAsync(mismatch, HttpStatusCode.UnsupportedMediaType, IntakeErrors.TypeMismatch, "„rechnung.pdf“ ist dem Namen nach ein PDF-Dokument, der Inhalt ist aber ein PNG-Bild");
        await AssertProblemAsync(corrupt, HttpStatusCode.UnprocessableEntity, IntakeErrors.Corrupt, "„antrag.pdf“: Die PDF-Datei ist beschädigt");
        await AssertProblemAsync(noFile, HttpStatusCode.BadRequest, "records.invalid", "Das Formular enthält keine Datei im Feld „datei“");
        await AssertProblemAsync(foreign, HttpStatusCode.NotFound, "not-found", "Der Vorgang");
        Assert.Empty((await clerk.GetFromJsonAsync<List<IntakeItemResponse>>("/api/posteingang", Json))!);
    }

    [Theory]
    [AllProviders]
    public async Task Page_UploadsStreamed_ShowsStatusAndTransfervermerk_AndFilesByAktenzeichen(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var vorgang = await CreateVorgangAsync(factory, municipality);

        var upload = await clerk.PostAsync("/posteingang/hochladen", Form(System.Text.Encoding.UTF8.GetBytes($"Betreff: {vorgang.Aktenzeichen}, Widerspruch"), "widerspruch.txt"));
        var afterUpload = await clerk.GetStringAsync(upload.Headers.Location!.OriginalString);
        var items = await clerk.GetFromJsonAsync<List<IntakeItemResponse>>("/api/posteingang", Json);
        var waiting = await WaitUntilProcessedAsync(clerk, Assert.Single(items!).Id);
        var page = await clerk.GetStringAsync("/posteingang");
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, "/posteingang");
        var file = await clerk.PostAsync("/posteingang?handler=File", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = waiting.Id.ToString(),
            ["aktenzeichen"] = vorgang.Aktenzeichen,
            ["__RequestVerificationToken"] = token,
        }));
        var after = await clerk.GetStringAsync(file.Headers.Location!.OriginalString);
        var foreignOrigin = new HttpRequestMessage(HttpMethod.Post, "/posteingang/hochladen") { Content = Form("x"u8.ToArray(), "x.txt") };
        foreignOrigin.Headers.Add("Origin", "https://boese.example");

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Contains("1 Datei(en) eingegangen", afterUpload, StringComparison.Ordinal);
        Assert.Equal("WaitingForFiling", waiting.Status);
        Assert.Equal(vorgang.Id, waiting.ProposedVorgangId);
        Assert.Contains("widerspruch.txt", page, StringComparison.Ordinal);
        Assert.Contains("wartet auf Ablage", page, StringComparison.Ordinal);
        Assert.Contains("Transfervermerk", page, StringComparison.Ordinal);
        Assert.Contains(waiting.Sha256, page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{vorgang.Aktenzeichen}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, file.StatusCode);
        Assert.Contains($"1 Dokument(e) im Vorgang {vorgang.Aktenzeichen} abgelegt.", after, StringComparison.Ordinal);
        Assert.Contains("abgelegt am", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.SendAsync(foreignOrigin)).StatusCode);
    }

    /// <summary>Intent: an Aktenplan position, an Akte and an open Vorgang of the municipality.</summary>
    internal static async Task<Vorgang> CreateVorgangAsync(AmtswegFactory factory, Municipality municipality)
    {
        async Task<T> Execute<T>(RecordsCommand<T> command)
        {
            await using var scope = factory.Services.CreateTenantScope(municipality.Id);
            return await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(command, "test", CancellationToken.None);
        }

        var position = await Execute(new CreateAktenplanPositionCommand("32.10", "Gewerbe", null, 10, DisposalRule.Archive));
        var akte = await Execute(new CreateAkteCommand(position.Id, "Gewerbe Müller"));
        return await Execute(new OpenVorgangCommand(akte.Id, "Gewerbeanmeldung"));
    }

    /// <summary>Intent: a file taken into the municipality's Posteingang directly (not through HTTP).</summary>
    internal static async Task<IntakeItem> ReceiveAsync(AmtswegFactory factory, Municipality municipality, string text, string name)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<IntakeReceiver>()
            .ReceiveAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), new IntakeDelivery(name, IntakeSource.Import, "test"), CancellationToken.None);
    }

    // The background service processes the item; this waits for it explicitly (polling, with a generous deadline).
    internal static async Task<IntakeItemResponse> WaitUntilProcessedAsync(HttpClient client, Guid id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var item = await client.GetFromJsonAsync<IntakeItemResponse>($"/api/posteingang/{id}", Json, deadline.Token);
            if (item!.Status is not ("Received" or "Processing"))
            {
                return item;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    internal static MultipartFormDataContent Form(byte[] content, string name) => Form(new MemoryStream(content), name);

    internal static MultipartFormDataContent Form(Stream content, string name) =>
        new() { { new StreamContent(content), StreamedUpload.FileField, name } };

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string title)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(title, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A read-only stream of zero bytes of the given length, produced as it is read.</summary>
    internal sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => Interlocked.Read(ref _position); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - _position);
            buffer[..count].Clear();
            Interlocked.Add(ref _position, count);
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
