using System.Globalization;
using Amtsweg.Data;
using Amtsweg.Integration.Connectors;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Administration.Secrets;

/// <summary>
/// „Zugangsdaten für Fachverfahren“ (issue 15.1): the municipality's named secrets that connector tasks use. Add or
/// replace (the same name again), delete. A saved value is never shown again, not even in the form after an error.
/// Administration only; another municipality's secret is a 404.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class SecretsPageModel(SecretAdministration administration, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>The kinds as the form offers them, with the value the form posts.</summary>
    public static readonly IReadOnlyList<(string Value, SecretKind Kind)> Kinds =
    [
        ("apikey", SecretKind.ApiKey),
        ("basic", SecretKind.Basic),
        ("oauth2", SecretKind.OAuth2ClientSecret),
    ];

    public IReadOnlyList<SecretRow> Secrets { get; private set; } = [];

    public PageErrors Errors { get; } = new();

    /// <summary>The entries shown again after an error: never the value.</summary>
    public string? Name { get; private set; }

    public string? Kind { get; private set; }

    public string? UserName { get; private set; }

    [TempData(Key = "Secrets.Notice")]
    public string? Notice { get; set; }

    private string Actor => User.Identity!.Name!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Secrets = await administration.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        Name = Request.Form[SecretFields.Name].ToString();
        Kind = Request.Form[SecretFields.Kind].ToString();
        UserName = Request.Form[SecretFields.UserName].ToString();
        var (replaced, errors) = await administration.SaveAsync(Name, Kind, UserName, Request.Form[SecretFields.Value].ToString(), Actor, cancellationToken);
        if (errors.Count == 0)
        {
            Notice = text[replaced ? "Secrets.Replaced" : "Secrets.Added", Name.Trim()].Value;
            return RedirectToPage();
        }

        foreach (var (field, message) in errors)
        {
            Errors.Add(field, message);
        }

        Secrets = await administration.ListAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(Request.Form[SecretFields.Delete].ToString(), out var id) || await administration.DeleteAsync(id, Actor, cancellationToken) is not { } name)
        {
            return NotFound();
        }

        Notice = text["Secrets.Deleted", name].Value;
        return RedirectToPage();
    }

    /// <summary>When a secret was saved last, on the Berlin clock.</summary>
    public static string Local(DateTimeOffset at) => BerlinTime.ToLocal(at).ToString("dd.MM.yyyy, HH:mm", CultureInfo.InvariantCulture);
}
