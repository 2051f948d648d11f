using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Steps on the Vorgang page, whose sections and action forms open on demand (issue 12.3).</summary>
internal static class VorgangSteps
{
    /// <summary>Opens the section with this heading, as a clerk clicks it; an open section stays open.</summary>
    public static async Task OpenSectionAsync(this IPage page, string heading)
    {
        var section = page.Locator("details.section").Filter(new() { Has = page.Locator("summary h2", new() { HasText = heading }) });
        if (await section.GetAttributeAsync("open") is null)
        {
            await section.Locator(":scope > summary").ClickAsync();
        }
    }

    /// <summary>Opens the action form behind this summary ("Vermerk schreiben", "Dokument hinzufügen", ...).</summary>
    public static async Task OpenActionAsync(this IPage page, string summary)
    {
        var action = page.Locator("details.action").Filter(new() { Has = page.Locator(":scope > summary", new() { HasText = summary }) });
        if (await action.GetAttributeAsync("open") is null)
        {
            await action.Locator(":scope > summary").ClickAsync();
        }
    }
}
