using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Processes;

/// <summary>
/// Issue 15.6: „Aus FIM-Datenschema importieren“ on <c>/prozesse/formulare</c> makes a draft of the form editor from an
/// XDatenfelder file and shows the notes; a broken file, a second import of the same schema and a clerk save nothing.
/// </summary>
public sealed class FimImportPageTests
{
    private const string List = "/prozesse/formulare";

    private static string Message(string folder, string file) => Path.Combine(TestPaths.Shared, "standards", "xdatenfelder", folder, file);

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string path)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await AmtswegFactory.AntiforgeryTokenAsync(client, List)), "__RequestVerificationToken" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(path)), "datei", Path.GetFileName(path) },
        };
        return await client.PostAsync($"{List}?handler=ImportFim", form);
    }

    [Theory]
    [AllProviders]
    public async Task ImportFim_CreatesDraftThatTheEditorOpens_AndShowsTheNotes(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);

        var response = await ImportAsync(designer, Message("xdf3-messages", "simple.xml"));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Entwurf „G60000000088“ aus „Anschrift Inland“ angelegt", html, StringComparison.Ordinal);
        Assert.Contains("<li>Die Datenfeldgruppe G60000000086 „Anschrift Inland Straßenanschrift“ ist optional", html, StringComparison.Ordinal);
        var link = Regex.Match(html, @"href=""/prozesse/formulare/bearbeiten\?entwurf=([0-9a-f-]{36})""", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(link.Success, html);
        var editor = await designer.GetStringAsync($"/prozesse/formulare/bearbeiten?entwurf={link.Groups[1].Value}");
        var source = Regex.Match(editor, "<script type=\"application/json\" id=\"formular-json\">(.*?)</script>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        var stored = JsonSerializer.Deserialize<string>(source.Groups[1].Value)!;
        Assert.Equal("G60000000088", (string?)JsonNode.Parse(stored)!["id"]);
        Assert.Contains("\"fim:id\": \"F60000000243\"", stored, StringComparison.Ordinal);
        var list = WebUtility.HtmlDecode(await designer.GetStringAsync(List));
        Assert.Contains(">G60000000088</a>", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFim_RefusesBrokenFileInGerman_AndSavesNothing()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Administration);

        var broken = await ImportAsync(designer, Message("xdf3-messages", "duplicate-id-node.xml"));
        var foreign = await ImportAsync(designer, Message("xdf2-messages", "unknown-namespace.xml"));

        var html = WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("role=\"alert\" id=\"fim-error\">Die Datei wurde nicht importiert, es ist nichts gespeichert: Die Datenfeldgruppe (Zeile 8): <identifikation> (Zeile 9) enthält die <id> mehrmals (Zeile 11).</p>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("Namensraum „urn:xoev-de:fim:standard:xdatenfelder_unknown“", WebUtility.HtmlDecode(await foreign.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var list = await designer.GetStringAsync(List);
        Assert.DoesNotContain("entwurf=", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFim_RefusesSecondImportOfTheSameSchema_AndKeepsTheFirstDraft()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var other = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var otherDesigner = await factory.SignInAsAsync(other, Roles.Prozessgestaltung);

        var first = await ImportAsync(designer, Message("xdf2-messages", "simple.xml"));
        var second = await ImportAsync(designer, Message("xdf2-messages", "simple.xml"));
        var inOtherMunicipality = await ImportAsync(otherDesigner, Message("xdf2-messages", "simple.xml"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("Für das Formular „T1234“ gibt es schon einen Entwurf.", WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, inOtherMunicipality.StatusCode);
        Assert.Single(Regex.Matches(await designer.GetStringAsync(List), "entwurf=", RegexOptions.None, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ImportFim_IsRefusedForClerkAndLeitung_AndSavesNothing()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);

        using var clerkForm = new MultipartFormDataContent
        {
            { new StringContent(await AmtswegFactory.AntiforgeryTokenAsync(clerk, "/aufgaben")), "__RequestVerificationToken" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(Message("xdf2-messages", "simple.xml"))), "datei", "simple.xml" },
        };
        var byClerk = await clerk.PostAsync($"{List}?handler=ImportFim", clerkForm);
        using var headForm = new MultipartFormDataContent
        {
            { new StringContent(await AmtswegFactory.AntiforgeryTokenAsync(head, "/prozesse")), "__RequestVerificationToken" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(Message("xdf2-messages", "simple.xml"))), "datei", "simple.xml" },
        };
        var byHead = await head.PostAsync($"{List}?handler=ImportFim", headForm);

        Assert.Contains("/fehler/403", byClerk.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", byHead.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("entwurf=", await designer.GetStringAsync(List), StringComparison.Ordinal);
    }
}
