using Amtsweg.Data;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Posteingang;

/// <summary>The Posteingang: items with status and progress, the upload form, filing into a Vorgang by its Aktenzeichen.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(RecordsDbContext db, IntakeFiling filing, IStringLocalizer<Ui> text, Microsoft.Extensions.Options.IOptions<IntakeOptions> intakeOptions, IntakeRetry intake, ActorNames actorNames) : PageModel
{
    public IReadOnlyList<IntakeItem> Items { get; private set; } = [];

    /// <summary>Who received each item, by display name.</summary>
    public ActorDirectory Actors { get; private set; } = null!;

    /// <summary>What the last action did.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Why the last action was refused.</summary>
    [TempData]
    public string? Error { get; set; }

    /// <summary>The programs the server lacks (names only): the page says that scans wait for them.</summary>
    public IReadOnlyList<string> MissingPrograms { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Items = await PosteingangApi.QueryAsync(db, null, cancellationToken);
        Actors = await actorNames.LoadAsync(Items.Select(i => i.ReceivedBy), new Dictionary<Guid, string>(), cancellationToken);
        MissingPrograms = [.. intakeOptions.Value.MissingPrograms().Select(m => m.Program)];
    }

    public async Task<IActionResult> OnPostFileAsync(Guid id, string? aktenzeichen, CancellationToken cancellationToken)
    {
        (Notice, Error) = await filing.FileAsync(id, aktenzeichen, User.Identity!.Name!, cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await intake.RetryAsync(id, cancellationToken);
            Notice = text["Intake.Retried"];
        }
        catch (RecordsException error)
        {
            Error = error.Message;
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await intake.RemoveAsync(id, cancellationToken);
            Notice = text["Intake.Removed"];
        }
        catch (RecordsException error)
        {
            Error = error.Message;
        }

        return RedirectToPage();
    }

    public static string Local(DateTimeOffset time) =>
        BerlinTime.ToLocal(time).ToString("dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public string StatusText(IntakeStatus status) => status switch
    {
        IntakeStatus.Received => text["Intake.Status.Received"],
        IntakeStatus.Processing => text["Intake.Status.Processing"],
        IntakeStatus.WaitingForFiling => text["Intake.Status.WaitingForFiling"],
        IntakeStatus.Filed => text["Intake.Status.Filed"],
        IntakeStatus.Failed => text["Intake.Status.Failed"],
        IntakeStatus.WaitingForSetup => text["Intake.Status.WaitingForSetup"],
    };

    public string SourceText(IntakeSource source) => source switch
    {
        IntakeSource.Upload => text["Intake.Source.Upload"],
        IntakeSource.Api => text["Intake.Source.Api"],
        IntakeSource.Import => text["Intake.Source.Import"],
        IntakeSource.Email => text["Intake.Source.Email"],
    };
}
