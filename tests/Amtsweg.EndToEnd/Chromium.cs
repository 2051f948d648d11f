using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Debian's Chromium, headless, without any network of its own (PLATFORM-NOTES).</summary>
internal static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var chromium = Environment.GetEnvironmentVariable("AMTSWEG_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium is missing at {chromium}: run the tests through ./test.sh.");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // The browser's own widgets (file picker, date fields) speak the browser's language, as in a German town hall.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=de-DE"],
            Env = new Dictionary<string, string> { ["LANGUAGE"] = "de", ["LANG"] = "de_DE.UTF-8" },
        });
    }
}

/// <summary>How the tests wait for a page after a navigation.</summary>
internal static class Navigation
{
    /// <summary>
    /// Waits until the page at <paramref name="url"/> is parsed and its stylesheets are loaded; the assertions that
    /// follow wait for their elements themselves. Waiting for the load event instead timed out now and then on the
    /// loaded two-core CI machine although the page was there.
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, string url)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await StylesheetsLoadedAsync(page);
    }

    /// <summary>As <see cref="WaitForPageAsync(IPage, string)"/>, for an address a glob cannot tell from the current one (a query, a new id).</summary>
    public static async Task WaitForPageAsync(this IPage page, System.Text.RegularExpressions.Regex url)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await StylesheetsLoadedAsync(page);
    }

    /// <summary>Waits until every stylesheet of the page is loaded (colour contrast and layout depend on it).</summary>
    public static Task StylesheetsLoadedAsync(IPage page) =>
        page.WaitForFunctionAsync("() => [...document.querySelectorAll('link[rel=stylesheet]')].every(link => link.sheet !== null)");
}
