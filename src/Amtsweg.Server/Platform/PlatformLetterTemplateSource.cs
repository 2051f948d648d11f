using Amtsweg.Documents;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Platform;

/// <summary>The current municipality's letter templates: its own from the platform database, then the shipped ones it has not replaced.</summary>
internal sealed class PlatformLetterTemplateSource(PlatformDbContext platform) : ILetterTemplateSource
{
    public async Task<IReadOnlyList<LetterTemplate>> ListAsync(CancellationToken cancellationToken)
    {
        var own = await platform.LetterTemplates.AsNoTracking().Select(t => new { t.Key, t.Text }).ToListAsync(cancellationToken);

        // Saved only after parsing; a text that no longer parses (a stricter reader since) is left out rather than offered broken.
        var parsed = own.Select(t => TryParse(t.Key, t.Text)).OfType<LetterTemplate>().ToList();

        // The shipped ones keep their place (the letter page preselects the first), in the municipality's version if it has one.
        return
        [
            .. LetterTemplate.Defaults.Select(shipped => parsed.FirstOrDefault(t => t.Key == shipped.Key) ?? (own.Any(t => t.Key == shipped.Key) ? null : shipped)).OfType<LetterTemplate>(),
            .. parsed.Where(t => !t.IsShippedKey).OrderBy(t => t.Name, StringComparer.CurrentCulture).ThenBy(t => t.Key, StringComparer.Ordinal),
        ];
    }

    // Inside an installation's unit of work this context shares the transaction, so the package's letters written
    // just before its deployment are found here.
    public bool Exists(string key) =>
        platform.LetterTemplates.AsNoTracking().Where(t => t.Key == key).Select(t => t.Text).FirstOrDefault() is { } text
            ? TryParse(key, text) is not null
            : LetterTemplate.Find(key) is not null;

    private static LetterTemplate? TryParse(string key, string text)
    {
        try
        {
            return LetterTemplate.Parse(key, text);
        }
        catch (TemplateException)
        {
            return null;
        }
    }
}
