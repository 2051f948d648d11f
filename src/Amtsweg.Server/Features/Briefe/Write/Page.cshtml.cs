using Amtsweg.Casework;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Documents;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Records.Cases;
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

namespace Amtsweg.Server.Features.Briefe.Write;

/// <summary>
/// "Brief schreiben" (issue 12.5): a letter from one of the municipality's templates (its own, then the shipped ones it
/// has not replaced; issue 13.5) in a Vorgang. The clerk picks the template and the
/// recipient (a Beteiligter with an address, or a typed address), fills the template's fields, looks at the preview
/// and files it: a DIN 5008 letter on the municipality's letterhead as PDF/A, a document of type Schreiben with its
/// text for search. Strict as the templates are: a missing input is an error at its field, a placeholder without a
/// value an error naming it; then nothing is filed. A closed Vorgang takes no letter; another municipality's is a 404.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class WriteLetterPageModel(
    RecordsReader reader,
    RecordsCommandExecutor executor,
    PlatformDbContext platform,
    ILetterheadSource letterheads,
    ILetterTemplateSource templates,
    TenantContext tenant,
    TimeProvider clock,
    IStringLocalizer<Ui> text) : PageModel
{
    public const string TemplateField = "vorlage";

    public const string RecipientField = "empfaenger";

    public const string AddressField = "anschrift";

    /// <summary>The recipient choice for a typed address.</summary>
    public const string OtherAddress = "andere";

    /// <summary>The Vorgang page's TempData key for a notice in German (shown as given).</summary>
    public const string VorgangNoticeKey = "UploadNotice";

    public VorgangSummary Vorgang { get; private set; } = null!;

    /// <summary>The Beteiligte a letter can go to: those with an address.</summary>
    public IReadOnlyList<BeteiligterResponse> Recipients { get; private set; } = [];

    public LetterTemplate? Template { get; private set; }

    /// <summary>The municipality's templates to choose from.</summary>
    public IReadOnlyList<LetterTemplate> Templates { get; private set; } = [];

    public string? Recipient { get; private set; }

    public string? Address { get; private set; }

    /// <summary>What was typed into the template's fields, by key.</summary>
    public Dictionary<string, string?> Inputs { get; } = new(StringComparer.Ordinal);

    public PageErrors Errors { get; } = new();

    /// <summary>A German message for the whole letter (a placeholder without value, a closed Vorgang).</summary>
    public string? Error { get; private set; }

    /// <summary>The letter as it will be filed, after "Vorschau".</summary>
    public Letter? Preview { get; private set; }

    public bool IsOpen => Vorgang.State == nameof(RecordState.Open);

    /// <summary>The element id and form name of a template field.</summary>
    public static string FieldId(LetterField field) => "feld-" + field.Key;

    public async Task<IActionResult> OnGetAsync(Guid id, string? vorlage, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Template = Templates.FirstOrDefault(t => t.Key == vorlage);
        if (vorlage is not null && Template is null)
        {
            Errors.Add(TemplateField, text["Letters.TemplateMissing"]);
        }

        Recipient = Recipients.Count > 0 ? Recipients[0].Id.ToString("D") : OtherAddress;
        if (!IsOpen)
        {
            Error = text["Letters.Closed"];
        }

        return Page();
    }

    /// <summary>Shows the letter as it will be filed, with the form to change it.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Preview = await ComposeAsync(cancellationToken);
        return Page();
    }

    /// <summary>The PDF as it will be filed, for a look in the browser; nothing is stored.</summary>
    public async Task<IActionResult> OnPostPdfAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (await ComposeAsync(cancellationToken) is not { } letter || Write(letter) is not { } pdf)
        {
            return Page();
        }

        Response.Headers.ContentDisposition = "inline";
        return File(pdf, "application/pdf");
    }

    /// <summary>Files the letter in the Vorgang and returns to it with a notice.</summary>
    public async Task<IActionResult> OnPostFileAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (await ComposeAsync(cancellationToken) is not { } letter || Write(letter) is not { } pdf)
        {
            return Page();
        }

        try
        {
            await executor.ExecuteAsync(LetterDocuments.Command(Vorgang.Id, Template!, letter, pdf), User.Identity!.Name!, cancellationToken);
        }
        catch (RecordsException error) when (error.Code != RecordsErrors.NotFound)
        {
            // A Vorgang closed meanwhile, or another check of the e-file.
            Error = error.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData[VorgangNoticeKey] = text["Letters.Filed", letter.Subject].Value;
        // Back to the section the letter now stands in, as after an upload.
        return Redirect($"/vorgaenge/{Vorgang.Id}?abschnitt={DetailModel.Sections.Dokumente}#{DetailModel.Sections.Dokumente}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await reader.VorgangAsync(id, cancellationToken) is not { } vorgang)
        {
            return false;
        }

        Vorgang = vorgang.Vorgang;
        Templates = await templates.ListAsync(cancellationToken);
        Recipients = (await reader.BeteiligteAsync(id, includeRestricted: false, cancellationToken) ?? [])
            .Where(b => !string.IsNullOrWhiteSpace(b.Address) && b.Name != RecordsReader.RestrictedText)
            .ToList();
        return true;
    }

    /// <summary>Reads the form into a letter; null (with the errors set and a 400) when something is missing or does not resolve.</summary>
    private async Task<Letter?> ComposeAsync(CancellationToken cancellationToken)
    {
        var form = Request.Form;
        Template = Templates.FirstOrDefault(t => t.Key == form[TemplateField].ToString());
        Recipient = form[RecipientField].ToString();
        Address = form[AddressField].ToString();
        if (!IsOpen)
        {
            return Refuse(text["Letters.Closed"]);
        }

        if (Template is null)
        {
            Errors.Add(TemplateField, text["Letters.TemplateMissing"]);
            return Refuse(null);
        }

        foreach (var field in Template.Fields)
        {
            Inputs[field.Key] = form[FieldId(field)].ToString();
        }

        var recipient = RecipientLines();
        var (values, errors) = Template.ReadInputs(Inputs);
        foreach (var field in Template.Fields.Where(f => errors.ContainsKey(f.Key)))
        {
            Errors.Add(FieldId(field), errors[field.Key]);
        }

        if (!Errors.IsEmpty || recipient is null)
        {
            return Refuse(null);
        }

        var letterhead = await LetterheadAsync(cancellationToken);
        var clerk = await platform.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == User.Identity!.Name, cancellationToken);
        var setting = new LetterSetting(Vorgang.Aktenzeichen, Vorgang.Title, recipient, letterhead, BerlinTime.Today(clock))
        {
            ContactName = clerk?.DisplayName,
            ContactPhone = clerk?.PhoneNumber ?? letterhead.Phone,
            ContactEmail = clerk?.Email ?? letterhead.Email,
            Signature = clerk is null ? [] : ["Im Auftrag", clerk.DisplayName],
        };
        try
        {
            return LetterComposer.Compose(Template, values, setting, clock, BerlinTime.Zone);
        }
        catch (TemplateException error)
        {
            return Refuse(text["Letters.NotCreated", error.MessageGerman]);
        }
    }

    // The address lines of the chosen Beteiligter (name, then the address), or of the typed address.
    private List<string>? RecipientLines()
    {
        List<string> lines;
        if (Recipient == OtherAddress)
        {
            lines = LetterComposer.AddressLines(Address);
            if (lines.Count == 0)
            {
                Errors.Add(AddressField, text["Letters.AddressMissing"]);
                return null;
            }
        }
        else if (Recipients.FirstOrDefault(b => b.Id.ToString("D") == Recipient) is { } beteiligter)
        {
            lines = [beteiligter.Name.Trim(), .. LetterComposer.AddressLines(beteiligter.Address)];
        }
        else
        {
            Errors.Add(RecipientField, text["Letters.RecipientMissing"]);
            return null;
        }

        if (lines.Count > LetterWriter.MaxRecipientLines)
        {
            Errors.Add(Recipient == OtherAddress ? AddressField : RecipientField, text["Letters.AddressTooLong", LetterWriter.MaxRecipientLines]);
            return null;
        }

        return lines;
    }

    private byte[]? Write(Letter letter)
    {
        try
        {
            return LetterWriter.Write(letter);
        }
        catch (LetterException error)
        {
            Refuse(text["Letters.NotCreated", error.MessageGerman]);
            return null;
        }
    }

    private Letter? Refuse(string? message)
    {
        Error = message ?? Error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return null;
    }

    /// <summary>The municipality's letterhead; its name alone when it has none.</summary>
    private async Task<Documents.Letterhead> LetterheadAsync(CancellationToken cancellationToken)
    {
        if (await letterheads.FindAsync(cancellationToken) is { } letterhead)
        {
            return letterhead;
        }

        var name = await platform.Municipalities.AsNoTracking().Where(m => m.Id == tenant.TenantId).Select(m => m.Name).SingleAsync(cancellationToken);
        return new Documents.Letterhead(name);
    }
}
