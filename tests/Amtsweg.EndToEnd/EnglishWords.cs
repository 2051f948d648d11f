using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 13: the editors that bpmn.io's libraries draw (dmn-js, form-js) speak German to the designer. A step of a journey
/// reads what the page shows (its visible text, as CSS shows it, and the title, placeholder, aria-label and alt of every
/// element) and fails on an English word from this list. The list holds what dmn-js and form-js show when their texts are
/// not translated: hit policies, data types, the properties panel's header, labels and checks, and the small words of an
/// English sentence. It is matched as whole words and case-sensitive, so German words that merely contain them pass.
/// </summary>
internal static class EnglishWords
{
    public static readonly string[] Words =
    [
        // dmn-js: hit policies, data types, table heads and menus
        "Unique", "First", "Priority", "Any", "Collect", "Rule order", "Output order", "Hit policy",
        "string", "boolean", "number", "date", "time", "dateTime", "dayTimeDuration", "yearMonthDuration",
        "When", "Then", "Annotations", "Input", "Output", "Rule", "Decision", "Literal", "Predefined", "Expression",
        "Match", "Equals", "Between", "Before", "After", "Empty", "Result",
        // form-js: palette, canvas, properties panel
        "FORM", "Form", "Components", "Build your form", "Drag", "Select", "Text field", "Selection", "Presentation",
        "Containers", "General", "Validation", "Condition", "Label", "Key", "Required", "Disabled",
        "Read only", "Default value", "Appearance", "Custom", "Properties", "Column", "Columns", "Value", "Values",
        "Type", "Subtype", "Checked", "Static", "Options", "Source", "Hide if", "Deactivate if",
        // both: actions and checks
        "Add", "Remove", "Edit", "Delete", "Search", "Create", "Open", "Toggle", "Must", "Should", "Section",
        // the small words of an English sentence
        "the", "and", "of", "to", "is", "with", "will", "be", "are", "this", "for", "must", "may", "your",
    ];

    /// <summary>Fails when the page shows one of <see cref="Words"/>; <paramref name="step"/> names the place in the journey.</summary>
    public static async Task AssertNoneShownAsync(IPage page, string step)
    {
        var texts = await page.EvaluateAsync<string[]>("""
            () => {
              const texts = [document.body.innerText];
              for (const element of document.querySelectorAll('[title], [placeholder], [aria-label], [alt]')) {
                for (const name of ['title', 'placeholder', 'aria-label', 'alt']) {
                  const value = element.getAttribute(name);
                  if (value) texts.push(value);
                }
              }
              return texts;
            }
            """);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var word in Words)
            {
                var at = Regex.Match(text, $@"(?<![\p{{L}}\p{{N}}_.-]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}_-])", RegexOptions.CultureInvariant);
                if (at.Success)
                {
                    found.Add($"„{word}“ in „{Around(text, at.Index, word.Length)}“");
                }
            }
        }

        Assert.True(found.Count == 0, $"{step}: English on the page: " + string.Join("; ", found));
    }

    private static string Around(string text, int index, int length)
    {
        var start = Math.Max(0, index - 30);
        var end = Math.Min(text.Length, index + length + 30);
        return text[start..end].ReplaceLineEndings(" ");
    }
}
