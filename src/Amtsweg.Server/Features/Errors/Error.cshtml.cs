using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Errors;

/// <summary>
/// Error pages in the user's language for the status codes the server answers with. Re-executed for failed
/// form posts too (for example a missing antiforgery token), hence no token check here.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    private static readonly int[] Known = [400, 403, 404, 500];

    public string TitleKey { get; private set; } = "";

    public string TextKey { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        var known = Known.Contains(code) ? code : 500;
        TitleKey = $"Error.{known}.Title";
        TextKey = $"Error.{known}.Text";

        // Reached directly (not re-executed), the page keeps status 200; re-executed it keeps the original status.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code >= 400)
        {
            Response.StatusCode = known;
        }
    }
}
