using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Steps of a user who has no mouse: Tab through the page, Enter to follow and press, type into what has focus.</summary>
internal static class KeyboardSteps
{
    // More than any of our pages has before its main content's last control.
    private const int MaxTabs = 80;

    /// <summary>
    /// Presses Tab until the focused element's name (its label, ARIA label or text) starts with <paramref name="name"/>,
    /// and checks that the focus is visible there. Fails when Tab never gets there: the control cannot be reached
    /// with the keyboard.
    /// </summary>
    public static async Task TabToAsync(this IPage page, string name)
    {
        var seen = new List<string>();
        for (var i = 0; i < MaxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await FocusedNameAsync(page);
            if (focused.StartsWith(name, StringComparison.Ordinal))
            {
                Assert.True(await page.EvaluateAsync<bool>("() => getComputedStyle(document.activeElement).outlineStyle !== 'none'"), $"„{focused}“ has focus, but no visible focus outline");
                return;
            }

            seen.Add(focused);
        }

        Assert.Fail($"Tab never reached „{name}“; it went through: {string.Join(" | ", seen.Distinct())}");
    }

    /// <summary>The name of the element that has focus: what a screen reader would announce first.</summary>
    public static Task<string> FocusedNameAsync(this IPage page) => page.EvaluateAsync<string>("""
        () => {
          const e = document.activeElement;
          const legend = e.tagName === 'FIELDSET' ? e.querySelector(':scope > legend') : null;
          const text = (e.labels && e.labels.length > 0 ? e.labels[0].innerText : null)
            ?? e.getAttribute('aria-label') ?? (legend ? legend.innerText : null) ?? e.innerText ?? '';
          return text.replace(/\s+/g, ' ').trim();
        }
        """);
}
