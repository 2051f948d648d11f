using Amtsweg.Casework;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Documents;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Administration.LetterTemplates;

/// <summary>
/// Creating or editing one letter template of the municipality (issue 13.5): the template's text in the format of
/// <see cref="LetterTemplate"/> (explained on the page), a preview on the municipality's letterhead with example values
/// for the fields, and the process variables a process must set to write it. A shipped template is edited as a copy that
/// replaces it for this municipality. Saved only when the text parses and every placeholder names a field of the
/// template or a built-in variable; otherwise a German error with the line, and nothing is saved. Administration only.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class EditLetterTemplatePageModel(
    PlatformDbContext db,
    ILetterheadSource letterheads,
    TenantContext tenant,
    TimeProvider clock,
    IStringLocalizer<Ui> text) : PageModel
{
    public const string KeyField = "schluessel";

    public const string TextField = "vorlagentext";

    /// <summary>What a new template starts with: every header line once, one field, a body using it.</summary>
    public const string NewTemplateText =
        "Name: Neue Vorlage\n" +
        "Beschreibung: Wofür die Vorlage gedacht ist.\n" +
        "Betreff: {{vorgang.betreff}}\n" +
        "Anrede: Guten Tag {{empfaenger.name}},\n" +
        "Gruß: Mit freundlichen Grüßen\n" +
        "Feld: mitteilung | Mitteilung | Absatz | Pflicht | Was Sie mitteilen.\n" +
        "---\n" +
        "{{mitteilung}}\n";

    /// <summary>The key of the template being edited; null for a new one.</summary>
    public string? Key { get; private set; }

    /// <summary>The key typed for a new template.</summary>
    public string? NewKey { get; private set; }

    /// <summary>The template text in the text area.</summary>
    public string Text { get; private set; } = "";

    /// <summary>True when the municipality has its own template under <see cref="Key"/>.</summary>
    public bool IsOwn { get; private set; }

    /// <summary>True when <see cref="Key"/> is a shipped template's (the own one replaces it).</summary>
    public bool IsShipped { get; private set; }

    /// <summary>The template as read from <see cref="Text"/>, when it parses.</summary>
    public LetterTemplate? Template { get; private set; }

    /// <summary>The letter with example values, after "Vorschau".</summary>
    public Letter? Preview { get; private set; }

    public PageErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string? vorlage, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(vorlage, cancellationToken))
        {
            return NotFound();
        }

        Template = TryParse(Key ?? "neu", Text);
        return Page();
    }

    /// <summary>Checks the text and shows the letter with example values on the letterhead; nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string? vorlage, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(vorlage, cancellationToken))
        {
            return NotFound();
        }

        ReadForm();
        if (Check(Key ?? (LetterTemplate.IsValidKey(NewKey) ? NewKey! : "neu")) is { } template)
        {
            Preview = await PreviewAsync(template, cancellationToken);
        }

        if (!Errors.IsEmpty)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>Saves the template when it parses and names nothing unknown; returns to the list.</summary>
    public async Task<IActionResult> OnPostSaveAsync(string? vorlage, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(vorlage, cancellationToken))
        {
            return NotFound();
        }

        ReadForm();
        var key = Key ?? NewKey ?? "";
        if (Key is null)
        {
            await CheckNewKeyAsync(key, cancellationToken);
        }

        var template = Check(key);
        if (template is null || !Errors.IsEmpty)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var saved = await db.LetterTemplates.SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (saved is null)
        {
            saved = new MunicipalityLetterTemplate { Id = Guid.CreateVersion7(), Key = key, Text = "", UpdatedBy = "" };
            db.LetterTemplates.Add(saved);
        }

        saved.Text = Text;
        saved.UpdatedBy = User.Identity!.Name!;
        saved.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator created the same key meanwhile (the unique index); nothing of this one is saved.
            Errors.Add(KeyField, text["LetterTemplates.KeyTaken", key]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        TempData[IndexLetterTemplatesPageModel.NoticeKey] = text["LetterTemplates.Saved", template.Name].Value;
        return Redirect(IndexLetterTemplatesPageModel.Path);
    }

    // The template named by the query (own, else shipped), or a new one; false for a key the municipality does not have.
    private async Task<bool> LoadAsync(string? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            Text = NewTemplateText;
            return true;
        }

        var own = await db.LetterTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        var shipped = LetterTemplate.Find(key);
        if (own is null && shipped is null)
        {
            return false;
        }

        Key = key;
        IsOwn = own is not null;
        IsShipped = shipped is not null;
        Text = own?.Text ?? shipped!.Text;
        return true;
    }

    private void ReadForm()
    {
        Text = Request.Form[TextField].ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        NewKey = Key is null ? Request.Form[KeyField].ToString().Trim() : null;
    }

    private async Task CheckNewKeyAsync(string key, CancellationToken cancellationToken)
    {
        if (!LetterTemplate.IsValidKey(key))
        {
            Errors.Add(KeyField, text["LetterTemplates.KeyInvalid"]);
        }
        else if (LetterTemplate.Find(key) is not null)
        {
            Errors.Add(KeyField, text["LetterTemplates.KeyShipped", key]);
        }
        else if (await db.LetterTemplates.AnyAsync(t => t.Key == key, cancellationToken))
        {
            Errors.Add(KeyField, text["LetterTemplates.KeyTaken", key]);
        }
    }

    // The template read from the text and checked, or null with the error at the text field.
    private LetterTemplate? Check(string key)
    {
        if (Text.Trim().Length == 0)
        {
            Errors.Add(TextField, text["LetterTemplates.TextMissing"]);
            return null;
        }

        if (Text.Length > MunicipalityLetterTemplate.TextMaxLength)
        {
            Errors.Add(TextField, text["LetterTemplates.TextTooLong", MunicipalityLetterTemplate.TextMaxLength]);
            return null;
        }

        try
        {
            var template = LetterTemplate.Parse(key, Text);
            Template = template;
            template.CheckNames();
            if (template.Name.Length > 200)
            {
                Errors.Add(TextField, text["LetterTemplates.NameTooLong"]);
                return null;
            }

            return template;
        }
        catch (TemplateException error)
        {
            Errors.Add(TextField, text["LetterTemplates.Invalid", error.MessageGerman]);
            return null;
        }
    }

    // The letter with example values, as a clerk's letter is composed; a placeholder without value here is an error too.
    private async Task<Letter?> PreviewAsync(LetterTemplate template, CancellationToken cancellationToken)
    {
        var letterhead = await letterheads.FindAsync(cancellationToken)
            ?? new Documents.Letterhead(await db.Municipalities.AsNoTracking().Where(m => m.Id == tenant.TenantId).Select(m => m.Name).SingleAsync(cancellationToken));
        var me = await db.Users.AsNoTracking().Where(u => u.UserName == User.Identity!.Name).Select(u => new { u.DisplayName, u.PhoneNumber, u.Email }).SingleOrDefaultAsync(cancellationToken);
        var today = BerlinTime.Today(clock);
        var setting = new LetterSetting("000.00/0001/" + today.Year, text["LetterTemplates.SampleVorgang"], ["Erika Mustermann", "Musterweg 1", "12345 Musterstadt"], letterhead, today)
        {
            ContactName = me?.DisplayName,
            ContactPhone = me?.PhoneNumber ?? letterhead.Phone,
            ContactEmail = me?.Email ?? letterhead.Email,
            Signature = me is null ? [] : ["Im Auftrag", me.DisplayName],
        };
        try
        {
            return LetterComposer.Compose(template, template.SampleValues(today), setting, clock, BerlinTime.Zone);
        }
        catch (TemplateException error)
        {
            Errors.Add(TextField, text["LetterTemplates.PreviewFailed", error.MessageGerman]);
            return null;
        }
    }

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
