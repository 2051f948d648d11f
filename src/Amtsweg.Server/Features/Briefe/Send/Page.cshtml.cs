using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Mail;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Server.Features.Administration.Mail;
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

namespace Amtsweg.Server.Features.Briefe.Send;

/// <summary>
/// "Per E-Mail senden" (issue 15.2): a PDF of the Vorgang (a letter, usually) goes by e-mail through the municipality's
/// mail server (<c>/verwaltung/e-mail</c>) to a Beteiligter with an e-mail address or a typed address, the subject
/// carrying the Aktenzeichen. What the server accepted is written into the Vorgang as a Vermerk: who, when, to whom,
/// subject, the attached document and the server's answer. A refusal or an unreachable server is a German error on
/// the page, and nothing is recorded as sent. A closed Vorgang sends nothing; another municipality's is a 404.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class SendMailPageModel(
    RecordsReader reader,
    RecordsCommandExecutor executor,
    MailAdministration mail,
    MailSender sender,
    PlatformDbContext platform,
    TenantContext tenant,
    IStringLocalizer<Ui> text) : PageModel
{
    public const string DocumentField = "dokument";

    public const string RecipientField = "empfaenger";

    public const string AddressField = "adresse";

    public const string SubjectField = "betreff";

    public const string BodyField = "nachricht";

    /// <summary>The recipient choice for a typed address.</summary>
    public const string OtherAddress = "andere";

    /// <summary>The largest attachment (the letter's PDF is far smaller; a mail server commonly takes 25 MB with encoding).</summary>
    public const long MaxAttachmentBytes = 15 * 1024 * 1024;

    public VorgangSummary Vorgang { get; private set; } = null!;

    /// <summary>The latest versions of the Vorgang's PDF documents, newest first.</summary>
    public IReadOnlyList<DokumentVersionResponse> Documents { get; private set; } = [];

    /// <summary>The Beteiligte with an e-mail address.</summary>
    public IReadOnlyList<BeteiligterResponse> Recipients { get; private set; } = [];

    public string? Document { get; private set; }

    public string? Recipient { get; private set; }

    public string? Address { get; private set; }

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    public PageErrors Errors { get; } = new();

    /// <summary>A German message for the whole sending (no settings, the server refused or is down, a closed Vorgang).</summary>
    public string? Error { get; private set; }

    public bool IsOpen => Vorgang.State == nameof(RecordState.Open);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? dokument, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Document = (Documents.FirstOrDefault(d => d.Id == dokument) ?? Documents.FirstOrDefault())?.Id.ToString("D");
        Recipient = Recipients.Count > 0 ? Recipients[0].Id.ToString("D") : OtherAddress;
        Subject = text["SendMail.DefaultSubject", Vorgang.Title, Vorgang.Aktenzeichen];
        var clerk = await platform.Users.AsNoTracking().Where(u => u.UserName == User.Identity!.Name).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var municipality = await platform.Municipalities.AsNoTracking().Where(m => m.Id == tenant.TenantId).Select(m => m.Name).SingleAsync(cancellationToken);
        Body = text["SendMail.DefaultBody", Vorgang.Aktenzeichen, clerk ?? "", municipality].Value;
        if (!IsOpen)
        {
            Error = text["SendMail.Closed"];
        }
        else if (Documents.Count == 0)
        {
            Error = text["SendMail.NoDocuments"];
        }

        return Page();
    }

    /// <summary>Sends the message; on success back to the Vorgang's notes with a notice.</summary>
    public async Task<IActionResult> OnPostSendAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var form = Request.Form;
        Document = form[DocumentField].ToString();
        Recipient = form[RecipientField].ToString();
        Address = form[AddressField].ToString().Trim();
        Subject = form[SubjectField].ToString().Trim();
        Body = form[BodyField].ToString();
        if (!IsOpen)
        {
            return Refuse(text["SendMail.Closed"]);
        }

        var document = Documents.FirstOrDefault(d => d.Id.ToString("D") == Document);
        if (document is null)
        {
            Errors.Add(DocumentField, text["SendMail.Error.DocumentMissing"]);
        }
        else if (document.ContentLength > MaxAttachmentBytes)
        {
            Errors.Add(DocumentField, text["SendMail.Error.DocumentTooLarge", MaxAttachmentBytes / (1024 * 1024)]);
        }

        var (address, name) = ChosenRecipient();
        if (Subject.Length == 0)
        {
            Errors.Add(SubjectField, text["SendMail.Error.SubjectMissing"]);
        }
        else if (Subject.Length > MailLimits.MaxSubjectLength - Vorgang.Aktenzeichen.Length - 10 || Subject.Any(char.IsControl))
        {
            Errors.Add(SubjectField, text["SendMail.Error.SubjectInvalid", MailLimits.MaxSubjectLength - Vorgang.Aktenzeichen.Length - 10]);
        }

        if (string.IsNullOrWhiteSpace(Body))
        {
            Errors.Add(BodyField, text["SendMail.Error.BodyMissing"]);
        }
        else if (Body.Length > MailLimits.MaxBodyLength)
        {
            Errors.Add(BodyField, text["SendMail.Error.BodyTooLong", MailLimits.MaxBodyLength]);
        }

        if (!Errors.IsEmpty || address is null)
        {
            return Refuse(null);
        }

        var (server, settingsError) = await mail.ServerAsync(cancellationToken);
        if (server is null)
        {
            return Refuse(settingsError);
        }

        // The subject always carries the Aktenzeichen, so that an answer finds its Vorgang.
        var subject = Subject.Contains(Vorgang.Aktenzeichen, StringComparison.Ordinal) ? Subject : $"{Subject} (Az. {Vorgang.Aktenzeichen})";
        byte[] content;
        try
        {
            await using var read = await executor.ExecuteAsync(new ReadDokumentContentCommand(document!.Id), User.Identity!.Name!, cancellationToken);
            using var buffer = new MemoryStream();
            await read.Stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }
        catch (RecordsException error) when (error.Code != RecordsErrors.NotFound)
        {
            return Refuse(error.Message);
        }

        MailSendResult sent;
        try
        {
            sent = await sender.SendAsync(server, new OutgoingMail(address, name, subject, Body, [new MailAttachment(document.FileName, document.MediaType, content)]), cancellationToken);
        }
        catch (MailSendException error)
        {
            Response.StatusCode = StatusCodes.Status502BadGateway;
            Error = text["SendMail.Failed", error.Message];
            return Page();
        }

        var record = text["SendMail.Record", name is null ? address : $"{name} <{address}>", subject, document.Title, document.FileName, document.Number, sent.ServerAnswer].Value;
        try
        {
            await executor.ExecuteAsync(new AddVermerkCommand(Vorgang.Id, record), User.Identity!.Name!, cancellationToken);
        }
        catch (RecordsException error) when (error.Code != RecordsErrors.NotFound)
        {
            // Closed between the check and the sending: the message is out, so the clerk must know it.
            return Refuse(text["SendMail.SentNotRecorded", address, error.Message]);
        }

        TempData[Write.WriteLetterPageModel.VorgangNoticeKey] = text["SendMail.Sent", address].Value;
        return Redirect($"/vorgaenge/{Vorgang.Id}?abschnitt={DetailModel.Sections.Vermerke}#{DetailModel.Sections.Vermerke}");
    }

    private (string? Address, string? Name) ChosenRecipient()
    {
        if (Recipient == OtherAddress)
        {
            if (!MailLimits.IsAddress(Address))
            {
                Errors.Add(AddressField, text[string.IsNullOrEmpty(Address) ? "SendMail.Error.AddressMissing" : "SendMail.Error.AddressInvalid"]);
                return (null, null);
            }

            return (Address, null);
        }

        if (Recipients.FirstOrDefault(b => b.Id.ToString("D") == Recipient) is { } beteiligter)
        {
            return (beteiligter.Email!.Trim(), beteiligter.Name.Trim());
        }

        Errors.Add(RecipientField, text["SendMail.Error.RecipientMissing"]);
        return (null, null);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await reader.VorgangAsync(id, cancellationToken) is not { } vorgang)
        {
            return false;
        }

        Vorgang = vorgang.Vorgang;
        Documents = vorgang.Dokumente.Select(d => d.Versions[0])
            .Where(v => v.MediaType.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(v => v.CreatedAt).ToList();
        Recipients = (await reader.BeteiligteAsync(id, includeRestricted: false, cancellationToken) ?? [])
            .Where(b => MailLimits.IsAddress(b.Email?.Trim()) && b.Name != RecordsReader.RestrictedText)
            .ToList();
        return true;
    }

    private PageResult Refuse(string? message)
    {
        Error = message ?? Error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
