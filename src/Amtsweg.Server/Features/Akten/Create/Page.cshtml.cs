using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Server.Features.Aktenplan;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Akten.Create;

/// <summary>
/// "Neue Akte" (issue 12.4): an Aktenplan position and a title; the Aktenzeichen is generated. The same command as
/// <c>POST /api/akten</c>; a refused input shows its German message at the field and changes nothing.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class CreateAktePageModel(RecordsReader reader, RecordsCommandExecutor executor, IStringLocalizer<Ui> text) : PageModel
{
    public const string PositionField = "position";

    public const string TitleField = "titel";

    public IReadOnlyList<SelectGroup> Positions { get; private set; } = [];

    public Guid? PositionId { get; private set; }

    public string? Title { get; private set; }

    public PageErrors Errors { get; } = new();

    public string? Error { get; private set; }

    /// <summary>Shows the empty form; <paramref name="position"/> preselects a position (from the Vorgang list's filter).</summary>
    public async Task OnGetAsync(Guid? position, CancellationToken cancellationToken)
    {
        PositionId = position;
        Positions = PositionChoices.Group(await reader.PositionsAsync(cancellationToken));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var positions = await reader.PositionsAsync(cancellationToken);
        Positions = PositionChoices.Group(positions);
        Title = Request.Form[TitleField].ToString();
        PositionId = Guid.TryParse(Request.Form[PositionField].ToString(), out var chosen) ? chosen : null;

        // Another municipality's position is not in this list: the same answer as no choice, nothing is created.
        if (PositionId is not { } positionId || positions.All(p => p.Id != positionId))
        {
            Errors.Add(PositionField, text["Akten.New.PositionMissing"]);
        }

        Errors.CheckTitle(TitleField, Title, text["Akten.New.TitleMissing"], text["Records.TitleTooLong", PageErrors.MaxTitleLength]);

        if (!Errors.IsEmpty)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            var akte = await executor.ExecuteAsync(new CreateAkteCommand(PositionId!.Value, Title!), User.Identity!.Name!, cancellationToken);
            TempData[Records.Cases.IndexModel.NoticeKey] = text["Akten.New.Created", akte.Aktenzeichen, akte.Title].Value;
            return Redirect($"/vorgaenge?akte={akte.Id}");
        }
        catch (RecordsException error)
        {
            // The command's own checks (e.g. a title over 500 characters) name the field in their message.
            Error = error.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
