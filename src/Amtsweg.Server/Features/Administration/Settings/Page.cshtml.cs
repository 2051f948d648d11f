using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Hosting;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Administration.Settings;

/// <summary>
/// <c>/verwaltung/einstellungen</c> (issue 13.5, tenant settings): the session timeout of the municipality's users within
/// the platform's limits (<see cref="ServerOptions.MunicipalityIdleTimeoutRange"/>) and the Vier-Augen-Prinzip for
/// deployments (<see cref="Municipality.FourEyesDeployments"/>: a deployment waits for a second person's approval on
/// <c>/prozesse/freigaben</c>). Administration only. A timeout outside the limits or not a whole number is an error at its field and nothing is saved;
/// every change is written to the audit log (category <c>Amtsweg.Audit.Settings</c>).
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed partial class SettingsPageModel(PlatformDbContext db, TenantContext tenant, IOptions<ServerOptions> server, TimeProvider clock, IStringLocalizer<Ui> text, ILoggerFactory loggers) : PageModel
{
    public const string TimeoutField = "sitzungsdauer";

    public const string FourEyesField = "vieraugen";

    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.Settings");

    public PageErrors Errors { get; } = new();

    /// <summary>The timeout as shown in the field: as saved, the platform's default, or as posted after an error.</summary>
    public string Timeout { get; private set; } = "";

    /// <summary>The limits a municipality chooses from.</summary>
    public (int Min, int Max) Range => server.Value.MunicipalityIdleTimeoutRange;

    /// <summary>The platform's timeout for a municipality that has not chosen one.</summary>
    public int PlatformDefault => server.Value.SessionIdleTimeoutMinutes;

    /// <summary>Whether deployments wait for a second person's approval, as saved or as posted after an error.</summary>
    public bool FourEyes { get; private set; }

    public string? UpdatedBy { get; private set; }

    public string? UpdatedAt { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } municipality)
        {
            return NotFound();
        }

        Timeout = (municipality.SessionTimeoutMinutes ?? PlatformDefault).ToString(System.Globalization.CultureInfo.InvariantCulture);
        FourEyes = municipality.FourEyesDeployments;
        await DescribeUpdateAsync(municipality, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var form = await Request.ReadFormAsync(cancellationToken);
        if (await LoadAsync(cancellationToken) is not { } municipality)
        {
            return NotFound();
        }

        Timeout = form[TimeoutField].ToString().Trim();
        // A checkbox that is not ticked is not posted at all: anything but „an“ is off.
        var fourEyesValue = form[FourEyesField].ToString();
        if (fourEyesValue.Length > 0 && fourEyesValue != "an")
        {
            return BadRequest();
        }

        FourEyes = fourEyesValue == "an";
        var (min, max) = Range;
        if (!int.TryParse(Timeout, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes) || minutes < min || minutes > max)
        {
            Errors.Add(TimeoutField, text["Settings.TimeoutOutOfRange", min, max]);
            await DescribeUpdateAsync(municipality, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var before = municipality.SessionTimeoutMinutes;
        var fourEyesBefore = municipality.FourEyesDeployments;
        municipality.SessionTimeoutMinutes = minutes;
        municipality.FourEyesDeployments = FourEyes;
        if (before != minutes || fourEyesBefore != FourEyes)
        {
            municipality.SettingsUpdatedBy = User.Identity!.Name!;
            municipality.SettingsUpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            if (before != minutes)
            {
                SettingsChanged(_audit, municipality.Id, before, minutes, User.Identity!.Name!);
            }

            if (fourEyesBefore != FourEyes)
            {
                FourEyesChanged(_audit, municipality.Id, fourEyesBefore, FourEyes, User.Identity!.Name!);
            }
        }

        Done = "Settings.Saved";
        return RedirectToPage();
    }

    /// <summary>The municipality being administered: the user's own, or the one an operator chose.</summary>
    private Task<Municipality?> LoadAsync(CancellationToken cancellationToken) =>
        tenant.TenantId is { } id ? db.Municipalities.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) : Task.FromResult<Municipality?>(null);

    private async Task DescribeUpdateAsync(Municipality municipality, CancellationToken cancellationToken)
    {
        if (municipality.SettingsUpdatedBy is { } login && municipality.SettingsUpdatedAt is { } at)
        {
            var name = await db.Users.AsNoTracking().Where(u => u.UserName == login).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
            UpdatedBy = string.IsNullOrWhiteSpace(name) ? login : name;
            UpdatedAt = Display.DateTime(at);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Settings of tenant {TenantId} changed by {Actor}: session timeout {TimeoutBefore} -> {TimeoutAfter} minutes")]
    private static partial void SettingsChanged(ILogger logger, Guid tenantId, int? timeoutBefore, int timeoutAfter, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settings of tenant {TenantId} changed by {Actor}: four-eyes for deployments {FourEyesBefore} -> {FourEyesAfter}")]
    private static partial void FourEyesChanged(ILogger logger, Guid tenantId, bool fourEyesBefore, bool fourEyesAfter, string actor);
}
