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
    /// follow wait for their elements themselves. Playwright's own wait for a load state after the address matched
    /// hung now and then on the loaded two-core CI machine although the page was there (first the load event, then
    /// DOMContentLoaded, with the page at the right address): it waits for the address only, and the page's state is
    /// read from the page itself.
    /// </summary>
    public static Task WaitForPageAsync(this IPage page, string url) =>
        WaitAsync(page, url, GlobPattern(url), () => page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit }));

    /// <summary>As <see cref="WaitForPageAsync(IPage, string)"/>, for an address a glob cannot tell from the current one (a query, a new id).</summary>
    public static Task WaitForPageAsync(this IPage page, System.Text.RegularExpressions.Regex url) =>
        WaitAsync(page, url, url, () => page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit }));

    private static async Task WaitAsync(IPage page, object url, System.Text.RegularExpressions.Regex pattern, Func<Task> waitForUrl)
    {
        try
        {
            await waitForUrl();
        }
        catch (TimeoutException timeout) when (!pattern.IsMatch(page.Url))
        {
            throw new TimeoutException($"Waited for {url}, the page is at {page.Url}.", timeout);
        }
        catch (TimeoutException)
        {
            // The page had committed before the wait began: Playwright then waits for a "commit" load state that it
            // never reports (seen in a full run: timeout after "NetworkIdle", the page at the right address). Go on.
        }

        await StylesheetsLoadedAsync(page);
    }

    // Playwright's glob: "**" any characters, "*" any but "/", everything else literal; the whole address must match.
    private static System.Text.RegularExpressions.Regex GlobPattern(string glob) =>
        new("^" + string.Concat(System.Text.RegularExpressions.Regex.Split(glob, @"(\*\*|\*)").Select(part => part switch
        {
            "**" => ".*",
            "*" => "[^/]*",
            _ => System.Text.RegularExpressions.Regex.Escape(part),
        })) + "$");

    /// <summary>
    /// Waits until the page is parsed and every stylesheet of it is loaded (colour contrast and layout depend on it).
    /// It polls on a timer, not on animation frames, which a headless page can stop drawing; when it times out, the
    /// message names the page and the stylesheets that are missing, so that a failure on the CI machine can be read.
    /// </summary>
    public static async Task StylesheetsLoadedAsync(IPage page)
    {
        const string Missing = "() => [...document.querySelectorAll('link[rel=stylesheet]')].filter(link => link.sheet === null).map(link => link.href)";
        try
        {
            await page.WaitForFunctionAsync($"() => document.readyState !== 'loading' && ({Missing})().length === 0", null, new() { PollingInterval = 100 });
        }
        catch (TimeoutException timeout)
        {
            var state = await page.EvaluateAsync<string>("() => document.readyState");
            var missing = await page.EvaluateAsync<string[]>(Missing);
            throw new TimeoutException($"The page {page.Url} did not load (document {state}, stylesheets missing: {string.Join(", ", missing)}).", timeout);
        }
    }
}
