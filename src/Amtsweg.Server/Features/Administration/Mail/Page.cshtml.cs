using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Mail;
using Amtsweg.Server.Features.Posteingang.Mailbox;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Administration.Mail;

/// <summary>
/// „E-Mail-Versand“ (issue 15.2): the municipality's outgoing mail server and sender. The password is one of the
/// municipality's stored credentials (kind basic, <c>/verwaltung/geheimnisse</c>), chosen by name; this page never
/// sees it. Administration only. A wrong entry is an error at its field and nothing is saved.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class MailSettingsPageModel(MailAdministration administration, MailboxAdministration mailboxes, MailboxPoller poller, TenantContext tenant, IStringLocalizer<Ui> text) : PageModel
{
    public PageErrors Errors { get; } = new();

    public MailSettingsInput Input { get; private set; } = new("", "587", "starttls", "", "", "");

    /// <summary>The municipality's basic secrets to choose from.</summary>
    public IReadOnlyList<string> SecretNames { get; private set; } = [];

    /// <summary>Who saved the settings last and when, once they are saved.</summary>
    public (string By, DateTimeOffset At)? Updated { get; private set; }

    /// <summary>The incoming mailbox as shown or posted (issue 15).</summary>
    public MailboxInput Mailbox { get; private set; } = new("", "993", "tls", "", "INBOX", false);

    /// <summary>The stored mailbox with the state of its last round; null before it is saved.</summary>
    public MunicipalityMailbox? StoredMailbox { get; private set; }

    /// <summary>The latest messages the reading refused.</summary>
    public IReadOnlyList<MailboxRejection> Rejections { get; private set; } = [];

    /// <summary>What „Verbindung prüfen“ found, and whether it worked.</summary>
    public (string Text, bool Success)? CheckResult { get; private set; }

    [TempData(Key = "Mail.Notice")]
    public string? Notice { get; set; }

    /// <summary>The value the form posts for an encryption.</summary>
    public static string SecurityValue(MailSecurity security) => MailAdministration.SecurityChoices.Single(c => c.Security == security).Value;

    /// <summary>A time in Berlin, for the page.</summary>
    public static string Local(DateTimeOffset at) => BerlinTime.ToLocal(at).ToString("dd.MM.yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The value the form posts for a mailbox encryption.</summary>
    public static string MailboxSecurityValue(MailSecurity security) => MailboxAdministration.SecurityChoices.Single(c => c.Security == security).Value;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (StoredMailbox is { } stored)
        {
            Mailbox = new MailboxInput(stored.Host, stored.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), MailboxSecurityValue(stored.Security), stored.SecretName, stored.Folder, stored.Enabled);
        }
    }

    public async Task<IActionResult> OnPostSaveMailboxAsync(CancellationToken cancellationToken)
    {
        Mailbox = PostedMailbox();
        var errors = await mailboxes.SaveAsync(Mailbox, User.Identity!.Name!, cancellationToken);
        if (errors.Count == 0)
        {
            Notice = text["Mailbox.Saved"].Value;
            return RedirectToPage(null, null, "posteingang");
        }

        foreach (var (field, message) in errors)
        {
            Errors.Add(field, message);
        }

        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostCheckMailboxAsync(CancellationToken cancellationToken)
    {
        Mailbox = PostedMailbox();
        var (errors, result, success) = await mailboxes.CheckAsync(Mailbox, cancellationToken);
        foreach (var (field, message) in errors)
        {
            Errors.Add(field, message);
        }

        CheckResult = result is null ? null : (result, success);
        await LoadAsync(cancellationToken);
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>„Jetzt abrufen“: reads the stored mailbox now, unless another server process is reading it.</summary>
    public async Task<IActionResult> OnPostPollMailboxAsync(CancellationToken cancellationToken)
    {
        var read = await poller.PollNowAsync(tenant.TenantId!.Value, cancellationToken);
        Notice = read ? text["Mailbox.Polled"].Value : text["Mailbox.PollBusy"].Value;
        return RedirectToPage(null, null, "posteingang");
    }

    private MailboxInput PostedMailbox()
    {
        var form = Request.Form;
        return new MailboxInput(form[MailboxFields.Host].ToString(), form[MailboxFields.Port].ToString(), form[MailboxFields.Security].ToString(),
            form[MailboxFields.Secret].ToString(), form[MailboxFields.Folder].ToString(), form[MailboxFields.Enabled].ToString() == "ja");
    }

    // The outgoing settings as stored, the mailbox's state and refusals, the secrets to choose from.
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (await administration.FindAsync(cancellationToken) is { } settings)
        {
            Input = new MailSettingsInput(settings.Host, settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), SecurityValue(settings.Security), settings.SenderAddress, settings.SenderName, settings.SecretName ?? "");
            Updated = (await administration.DisplayNameAsync(settings.UpdatedBy, User, cancellationToken), settings.UpdatedAt);
        }

        SecretNames = await administration.BasicSecretNamesAsync(cancellationToken);
        StoredMailbox = await mailboxes.FindAsync(cancellationToken);
        Rejections = await mailboxes.RejectionsAsync(20, cancellationToken);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var form = Request.Form;
        Input = new MailSettingsInput(form[MailFields.Host].ToString(), form[MailFields.Port].ToString(), form[MailFields.Security].ToString(),
            form[MailFields.SenderAddress].ToString(), form[MailFields.SenderName].ToString(), form[MailFields.Secret].ToString());
        var errors = await administration.SaveAsync(Input, User.Identity!.Name!, cancellationToken);
        if (errors.Count == 0)
        {
            Notice = text["Mail.Saved"].Value;
            return RedirectToPage();
        }

        foreach (var (field, message) in errors)
        {
            Errors.Add(field, message);
        }

        SecretNames = await administration.BasicSecretNamesAsync(cancellationToken);
        StoredMailbox = await mailboxes.FindAsync(cancellationToken);
        Rejections = await mailboxes.RejectionsAsync(20, cancellationToken);
        if (StoredMailbox is { } stored)
        {
            Mailbox = new MailboxInput(stored.Host, stored.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), MailboxSecurityValue(stored.Security), stored.SecretName, stored.Folder, stored.Enabled);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
