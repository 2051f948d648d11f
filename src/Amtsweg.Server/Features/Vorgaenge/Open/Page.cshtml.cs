using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Vorgaenge.Open;

/// <summary>
/// "Neuer Vorgang" (issue 12.4): an open Akte (grouped by Aktenplan position) and a title; then the new Vorgang's page.
/// The same command as <c>POST /api/vorgaenge</c>; a refused input shows its German message and changes nothing.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class OpenVorgangPageModel(RecordsReader reader, RecordsCommandExecutor executor) : PageModel
{
    public const string AkteField = "akte";

    public const string TitleField = "titel";

    /// <summary>The Vorgang page's TempData key of its notice (a resource key, see the Vorgang page).</summary>
    public const string VorgangNoticeKey = "Done";

    public IReadOnlyList<SelectGroup> Akten { get; private set; } = [];

    public Guid? AkteId { get; private set; }

    public string? Title { get; private set; }

    public PageErrors Errors { get; } = new();

    public string? Error { get; private set; }

    /// <summary>Shows the empty form; <paramref name="akte"/> preselects an Akte (from the Akte's row in the list).</summary>
    public async Task OnGetAsync(Guid? akte, CancellationToken cancellationToken)
    {
        AkteId = akte;
        Akten = await OpenAktenAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IStringLocalizer<Ui> text, CancellationToken cancellationToken)
    {
        Akten = await OpenAktenAsync(cancellationToken);
        Title = Request.Form[TitleField].ToString();
        AkteId = Guid.TryParse(Request.Form[AkteField].ToString(), out var chosen) ? chosen : null;

        // Another municipality's Akte (or a closed one) is not in this list: the same answer as no choice.
        if (AkteId is not { } akteId || Akten.All(g => g.Options.All(o => o.Value != akteId)))
        {
            Errors.Add(AkteField, text["Vorgaenge.New.AkteMissing"]);
        }

        Errors.CheckTitle(TitleField, Title, text["Vorgaenge.New.TitleMissing"], text["Records.TitleTooLong", PageErrors.MaxTitleLength]);

        if (!Errors.IsEmpty)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            var vorgang = await executor.ExecuteAsync(new OpenVorgangCommand(AkteId!.Value, Title!), User.Identity!.Name!, cancellationToken);
            TempData[VorgangNoticeKey] = "Vorgaenge.New.Opened";
            return Redirect($"/vorgaenge/{vorgang.Id}");
        }
        catch (RecordsException error)
        {
            // The command's own checks (a title over 500 characters, an Akte closed meanwhile) say what is wrong.
            Error = error.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task<IReadOnlyList<SelectGroup>> OpenAktenAsync(CancellationToken cancellationToken)
    {
        var positions = (await reader.PositionsAsync(cancellationToken)).ToDictionary(p => p.Id);
        var akten = await reader.AktenAsync(null, RecordState.Open, cancellationToken);
        return [.. akten
            .GroupBy(a => a.PositionId)
            .Select(g => (Position: positions[g.Key], Akten: g))
            .OrderBy(g => g.Position.Code, StringComparer.Ordinal)
            .Select(g => new SelectGroup($"{g.Position.Code} {g.Position.Title}",
                [.. g.Akten.OrderBy(a => a.Aktenzeichen, StringComparer.Ordinal).Select(a => (a.Id, $"{a.Aktenzeichen} – {a.Title}"))]))];
    }
}
