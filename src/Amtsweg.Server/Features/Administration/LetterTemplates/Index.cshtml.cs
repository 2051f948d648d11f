using System.Globalization;
using Amtsweg.Data;
using Amtsweg.Documents;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Administration.LetterTemplates;

/// <summary>
/// The municipality's letter templates (issue 13.5): the shipped ones and its own, which replace a shipped one of the
/// same key. Links to edit (a shipped one is copied first), to create, and deleting an own template (for a replaced
/// shipped one this brings the shipped version back). Administration only.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class IndexLetterTemplatesPageModel(PlatformDbContext db, IStringLocalizer<Ui> text) : PageModel
{
    public const string Path = "/verwaltung/briefvorlagen";

    /// <summary>The TempData key of the German notice after saving or deleting.</summary>
    public const string NoticeKey = "LetterTemplateNotice";

    public const string KeyField = "vorlage";

    /// <summary>One row of the list.</summary>
    public sealed record Row(string Key, string Name, string Description, bool Own, bool Shipped, string? UpdatedBy, string? UpdatedAt, string? Problem);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notice = TempData[NoticeKey] as string;
        await LoadAsync(cancellationToken);
    }

    /// <summary>Deletes one of the municipality's own templates.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var key = Request.Form[KeyField].ToString();
        var own = await db.LetterTemplates.SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (own is null)
        {
            return NotFound();
        }

        db.LetterTemplates.Remove(own);
        await db.SaveChangesAsync(cancellationToken);
        var name = Name(own.Key, own.Text);
        TempData[NoticeKey] = LetterTemplate.Find(key) is { } shipped
            ? text["LetterTemplates.DeletedShippedBack", name, shipped.Name].Value
            : text["LetterTemplates.Deleted", name].Value;
        return Redirect(Path);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var own = await db.LetterTemplates.AsNoTracking().ToListAsync(cancellationToken);
        var names = await db.Users.AsNoTracking().Select(u => new { u.UserName, u.DisplayName }).ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken);
        var rows = own.Select(t =>
        {
            var (template, problem) = Read(t.Key, t.Text);
            return new Row(t.Key, template?.Name ?? t.Key, template?.Description ?? "", Own: true, Shipped: LetterTemplate.Find(t.Key) is not null,
                names.GetValueOrDefault(t.UpdatedBy) ?? t.UpdatedBy, BerlinTime.ToLocal(t.UpdatedAt).ToString("dd.MM.yyyy, HH:mm", CultureInfo.InvariantCulture), problem);
        }).ToList();
        rows.AddRange(LetterTemplate.Defaults.Where(d => own.All(t => t.Key != d.Key))
            .Select(d => new Row(d.Key, d.Name, d.Description, Own: false, Shipped: true, null, null, null)));
        Rows = [.. rows.OrderBy(r => r.Name, StringComparer.CurrentCulture).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    private static (LetterTemplate? Template, string? Problem) Read(string key, string text)
    {
        try
        {
            return (LetterTemplate.Parse(key, text), null);
        }
        catch (TemplateException error)
        {
            return (null, error.MessageGerman);
        }
    }

    private static string Name(string key, string text) => Read(key, text).Template?.Name ?? key;
}
