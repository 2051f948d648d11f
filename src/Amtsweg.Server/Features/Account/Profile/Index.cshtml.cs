using System.Security.Claims;
using Amtsweg.Server.Features.Administration.Users;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Account.Profile;

/// <summary>
/// "Mein Konto" for everyone signed in (issue 13.5): the own display name, the own password (the current one and the
/// new one twice, checked by Identity's password rules), and the way to the absence and deputy page.
/// </summary>
[Authorize]
public sealed class IndexModel(
    UserManager<AppUser> users,
    OwnAccount account,
    IAuthorizationService authorization,
    IStringLocalizer<Ui> text) : PageModel
{
    public const string DisplayNameField = "anzeigename";

    public const string CurrentPasswordField = OwnAccount.CurrentPasswordField;

    public const string NewPasswordField = OwnAccount.NewPasswordField;

    public const string RepeatPasswordField = OwnAccount.RepeatPasswordField;

    public string? DisplayName { get; private set; }

    public string Roles => string.Join(", ", User.FindAll(ClaimTypes.Role).Select(role => role.Value));

    public bool MayEnterAbsence { get; private set; }

    public PageErrors Errors { get; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await account.AsOwnUserAsync(HttpContext, Task.FromResult);
        if (user is null)
        {
            return NotFound();
        }

        DisplayName = user.DisplayName;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostNameAsync()
    {
        DisplayName = Request.Form[DisplayNameField].ToString();
        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            Errors.Add(DisplayNameField, text["Users.Error.DisplayNameMissing"]);
        }
        else if (DisplayName.Trim().Length > UserAdministration.MaxDisplayNameLength)
        {
            Errors.Add(DisplayNameField, text["Users.Error.DisplayNameTooLong", UserAdministration.MaxDisplayNameLength]);
        }

        if (!Errors.IsEmpty)
        {
            return await RefusedAsync();
        }

        var saved = await account.AsOwnUserAsync(HttpContext, async user =>
        {
            user.DisplayName = DisplayName.Trim();
            var result = await users.UpdateAsync(user);
            if (result.Succeeded)
            {
                await account.RenewSessionAsync(HttpContext, user);
            }

            return result.Succeeded;
        });
        if (!saved)
        {
            return NotFound();
        }

        Notice = text["Account.Name.Done"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var found = await account.ChangePasswordAsync(
            HttpContext, Request.Form[CurrentPasswordField].ToString(), Request.Form[NewPasswordField].ToString(), Request.Form[RepeatPasswordField].ToString(), Errors);
        if (!found)
        {
            return NotFound();
        }

        if (!Errors.IsEmpty)
        {
            return await RefusedAsync();
        }

        Notice = text["Account.Password.Done"];
        return RedirectToPage();
    }

    private async Task<IActionResult> RefusedAsync()
    {
        DisplayName ??= (await account.AsOwnUserAsync(HttpContext, Task.FromResult))?.DisplayName;
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync() =>
        MayEnterAbsence = (await authorization.AuthorizeAsync(User, Policies.CaseWork)).Succeeded;
}
