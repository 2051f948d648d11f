using System.Globalization;
using System.Net.Mail;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Documents;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Administration.Letterhead;

/// <summary>
/// The municipality's letterhead (issue 13.5), as every letter prints it: name, address, contact, opening hours, bank
/// details and logo, with a sample letter drawn from what is saved. Administration only. A wrong entry is an error at its
/// field and nothing is saved; a logo that is no PNG or JPEG, or larger than <see cref="LetterLogo.MaxBytes"/>, too.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[IgnoreAntiforgeryToken]
public sealed class LetterheadPageModel(PlatformDbContext db, TenantContext tenant, IAntiforgery antiforgery, TimeProvider clock, IStringLocalizer<Ui> text) : PageModel
{
    public const string TitleField = "titel";
    public const string AddressField = "anschrift";
    public const string PhoneField = "telefon";
    public const string EmailField = "email";
    public const string WebField = "internet";
    public const string HoursField = "oeffnungszeiten";
    public const string BankField = "bankverbindung";
    public const string LogoField = "logo";
    public const string RemoveLogoField = "logo-entfernen";

    // The logo and the text fields with room for the multipart framing; a larger request is refused before it is read.
    private const long MaxRequestBytes = LetterLogo.MaxBytes + (64 * 1024);

    /// <summary>The longest entry of each text field, as the table holds it.</summary>
    public static readonly IReadOnlyDictionary<string, int> MaxLengths = new Dictionary<string, int>
    {
        [TitleField] = 200,
        [AddressField] = 500,
        [PhoneField] = 50,
        [EmailField] = 200,
        [WebField] = 200,
        [HoursField] = 500,
        [BankField] = 500,
    };

    // Letters are German whatever the clerk's language, so the sample is too.
    private const string SampleSubject = "Probebrief";

    private const string SampleBody =
        "dies ist ein Probebrief. Er zeigt, wie Briefkopf, Anschriftfeld, Informationsblock und Fußzeile in den Briefen Ihrer Gemeinde erscheinen.\n\n" +
        "Den Text eines echten Briefes bringt die Vorlage, die beim Schreiben gewählt wird.";

    public PageErrors Errors { get; } = new();

    /// <summary>The entries shown in the form: as saved, or as posted after an error.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public bool HasLogo { get; private set; }

    /// <summary>Who saved the letterhead last (their display name), or null when it was never saved.</summary>
    public string? UpdatedBy { get; private set; }

    /// <summary>When it was saved last, on the Berlin clock.</summary>
    public string? UpdatedAt { get; private set; }

    /// <summary>A sample letter on the saved letterhead.</summary>
    public Letter Sample { get; private set; } = null!;

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var saved = await LoadAsync(cancellationToken);
        Values[TitleField] = saved?.Title ?? await MunicipalityNameAsync(cancellationToken);
        Values[AddressField] = saved?.Address ?? "";
        Values[PhoneField] = saved?.Phone ?? "";
        Values[EmailField] = saved?.Email ?? "";
        Values[WebField] = saved?.Web ?? "";
        Values[HoursField] = saved?.OpeningHours ?? "";
        Values[BankField] = saved?.BankDetails ?? "";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Checked before the form is read: the antiforgery check and model binding would read a body of any size.
        if (Request.ContentLength > MaxRequestBytes)
        {
            await OnGetAsync(cancellationToken);
            Errors.Add(LogoField, text["Letterhead.LogoTooLarge", LetterLogo.MaxBytes / 1024]);
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Page();
        }

        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBytes;
        }

        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        var form = await Request.ReadFormAsync(cancellationToken);
        foreach (var field in MaxLengths.Keys)
        {
            Values[field] = form[field].ToString().Trim();
        }

        var saved = await LoadAsync(cancellationToken);
        Check();
        var logo = await ReadLogoAsync(form.Files.GetFile(LogoField), cancellationToken);
        if (!Errors.IsEmpty)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (saved is null)
        {
            saved = new MunicipalityLetterhead { Id = Guid.CreateVersion7(), Title = "", UpdatedBy = "" };
            db.Letterheads.Add(saved);
        }

        saved.Title = Values[TitleField];
        saved.Address = Values[AddressField];
        saved.Phone = Optional(PhoneField);
        saved.Email = Optional(EmailField);
        saved.Web = Optional(WebField);
        saved.OpeningHours = Optional(HoursField);
        saved.BankDetails = Optional(BankField);
        if (logo is not null)
        {
            (saved.Logo, saved.LogoContentType) = (logo.Content, logo.ContentType);
        }
        else if (form[RemoveLogoField] == "ja")
        {
            (saved.Logo, saved.LogoContentType) = (null, null);
        }

        saved.UpdatedBy = User.Identity!.Name!;
        saved.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        Done = "Letterhead.Saved";
        return RedirectToPage();
    }

    private void Check()
    {
        if (Values[TitleField].Length == 0)
        {
            Errors.Add(TitleField, text["Letterhead.TitleMissing"]);
        }

        foreach (var (field, max) in MaxLengths)
        {
            if (Values[field].Length > max)
            {
                Errors.Add(field, text["Letterhead.TooLong", max]);
            }
        }

        if (Values[EmailField] is { Length: > 0 } email && !(MailAddress.TryCreate(email, out var address) && address.Address == email))
        {
            Errors.Add(EmailField, text["Letterhead.EmailInvalid"]);
        }
    }

    private async Task<LetterLogo?> ReadLogoAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return null;
        }

        if (file.Length > LetterLogo.MaxBytes)
        {
            Errors.Add(LogoField, text["Letterhead.LogoTooLarge", LetterLogo.MaxBytes / 1024]);
            return null;
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, cancellationToken);
        try
        {
            return LetterLogo.Read(content.ToArray());
        }
        catch (LetterException)
        {
            Errors.Add(LogoField, text["Letterhead.LogoNoImage"]);
            return null;
        }
    }

    // The saved letterhead (null when the municipality has none yet), and the sample letter drawn on it.
    private async Task<MunicipalityLetterhead?> LoadAsync(CancellationToken cancellationToken)
    {
        var saved = await db.Letterheads.SingleOrDefaultAsync(cancellationToken);
        HasLogo = saved?.Logo is { Length: > 0 };
        if (saved is not null)
        {
            UpdatedBy = await db.Users.AsNoTracking().Where(u => u.UserName == saved.UpdatedBy).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? saved.UpdatedBy;
            UpdatedAt = BerlinTime.ToLocal(saved.UpdatedAt).ToString("dd.MM.yyyy, HH:mm", CultureInfo.InvariantCulture);
        }

        var me = await db.Users.AsNoTracking().Where(u => u.UserName == User.Identity!.Name).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        var letterhead = saved?.ToLetterhead() ?? new Documents.Letterhead(await MunicipalityNameAsync(cancellationToken));
        Sample = new Letter(letterhead, ["Frau", "Erika Mustermann", "Musterweg 1", "12345 Musterstadt"], SampleSubject, SampleBody)
        {
            Date = BerlinTime.Today(clock),
            OurReference = "000.00/0001",
            ContactName = me,
            ContactPhone = letterhead.Phone,
            ContactEmail = letterhead.Email,
            Salutation = "Sehr geehrte Frau Mustermann,",
            Signature = me is null ? [] : ["Im Auftrag", me],
        };
        return saved;
    }

    private Task<string> MunicipalityNameAsync(CancellationToken cancellationToken) =>
        db.Municipalities.AsNoTracking().Where(m => m.Id == tenant.TenantId).Select(m => m.Name).SingleAsync(cancellationToken);

    private string? Optional(string field) => Values[field].Length == 0 ? null : Values[field];
}
