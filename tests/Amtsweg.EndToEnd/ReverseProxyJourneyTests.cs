using System.Text;
using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 17.6: the standard deployment, the server behind Debian's nginx terminating TLS (the README's example), used
/// by Chromium over https.
/// </summary>
public sealed class ReverseProxyJourneyTests
{
    [NginxFact]
    public async Task Bug_BrowserUpload_ThroughNginxTerminatingTls_IsAccepted_AndAppearsInThePosteingang()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string> { ["Amtsweg__ReverseProxy__KnownProxies"] = "127.0.0.1" });
        await using var nginx = await NginxProxy.StartAsync(server.Address);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = nginx.Address.ToString(), IgnoreHTTPSErrors = true, Locale = "de-DE" });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync("sachbearbeitung");
        await page.GetByLabel("Kennwort").FillAsync(server.Passwords["sachbearbeitung"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForPageAsync(nginx.Address + "");
        var session = (await context.CookiesAsync()).Single(c => c.Name == "amtsweg.sitzung");

        var start = await page.GotoAsync("/posteingang");
        await page.GetByLabel("Dateien").SetInputFilesAsync(new FilePayload
        {
            Name = "widerspruch-ueber-proxy.txt",
            MimeType = "text/plain",
            Buffer = Encoding.UTF8.GetBytes("Widerspruch gegen den Gebührenbescheid, eingereicht über den Reverse Proxy."),
        });
        var upload = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Hochladen" }).ClickAsync(),
            request => request.Method == "POST" && request.Url.EndsWith("/posteingang/hochladen", StringComparison.Ordinal));
        var answer = await upload.ResponseAsync();
        Assert.Equal(nginx.Address.GetLeftPart(UriPartial.Authority), await upload.HeaderValueAsync("origin"));
        Assert.Equal(302, answer!.Status); // was 403: the server compared the https Origin with http
        await page.GetByText("1 Datei(en) eingegangen").WaitForAsync();
        var main = await page.InnerTextAsync("main");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "posteingang-hinter-nginx.png"), FullPage = true });

        Assert.Contains("widerspruch-ueber-proxy.txt", main, StringComparison.Ordinal);
        Assert.True(session.Secure, "the session cookie is Secure: the server knows the browser used https");
        Assert.StartsWith("max-age=", await start!.HeaderValueAsync("strict-transport-security") ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("[error]", nginx.ErrorLog, StringComparison.Ordinal);
    }
}
