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
