using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Account.ChangePassword;

/// <summary>
/// "Eigenes Kennwort festlegen": the one page a user reaches after signing in with an initial password or one an
/// administrator reset (<see cref="PasswordChangeMiddleware"/>). The password just used, the new one twice, by the
/// platform's rules; then on to the page first asked for. Without a required change this is "Mein Konto".
/// </summary>
[Authorize]
public sealed class PageModel(OwnAccount account) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public PageErrors Errors { get; } = new();

    private bool Required => User.HasClaim(claim => claim.Type == AmtswegClaims.PasswordChangeRequired);

    public IActionResult OnGet() => Required ? Page() : Redirect("/konto");

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Required)
        {
            return Redirect("/konto");
        }

        var found = await account.ChangePasswordAsync(
            HttpContext,
            Request.Form[OwnAccount.CurrentPasswordField].ToString(),
            Request.Form[OwnAccount.NewPasswordField].ToString(),
            Request.Form[OwnAccount.RepeatPasswordField].ToString(),
            Errors);
        if (!found)
        {
            return NotFound();
        }

        if (!Errors.IsEmpty)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && !ReturnUrl.StartsWith(PasswordChangeMiddleware.ChangePage, StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/");
    }
}
