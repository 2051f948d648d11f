using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>axe in the page: zero WCAG 2.1 A and AA violations (ADR 0003).</summary>
internal static class Accessibility
{
    public static async Task AssertNoViolationsAsync(IPage page, string name)
    {
        await Navigation.StylesheetsLoadedAsync(page);
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var violations = results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})").ToList();
        Assert.True(violations.Count == 0, $"axe on {name}: " + string.Join("; ", violations));
    }
}

/// <summary>A person's look at a page: screenshots at an office screen's width and at 1024 px to read, and axe.</summary>
internal static class Look
{
    /// <summary>Screenshots <c>{name}-1280.png</c> (the page's own width) and <c>{name}-1024.png</c> in the artifacts, then axe.</summary>
    public static async Task AtAsync(IPage page, string name)
    {
        var size = page.ViewportSize ?? new PageViewportSizeResult { Width = 1280, Height = 900 };
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Amtsweg.Testing.TestPaths.Artifacts, $"{name}-{size.Width}.png"), FullPage = true });
        if (size.Width != 1024)
        {
            await page.SetViewportSizeAsync(1024, size.Height);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Amtsweg.Testing.TestPaths.Artifacts, $"{name}-1024.png"), FullPage = true });
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }

        await Accessibility.AssertNoViolationsAsync(page, name);
    }
}
