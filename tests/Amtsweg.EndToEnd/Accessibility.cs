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
