using Amtsweg.Engine;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Tasks.Pages;

/// <summary>Which tasks the inbox lists.</summary>
public enum InboxView
{
    /// <summary>Tasks assigned to me.</summary>
    Meine,

    /// <summary>Tasks nobody has taken yet that I may take: offered to me, to one of my groups, or to every clerk.</summary>
    Angeboten,

    /// <summary>Every open task of the municipality (Leitung).</summary>
    Alle,
}

/// <summary>
/// The clerk's inbox (issue 12.1): my tasks, the tasks offered to me, and for Leitung all open tasks of the
/// municipality; due ones first, with the signals "überfällig" and "heute fällig"; a task offered to me is taken with
/// one button.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class InboxModel(IProcessEngine engine, TaskRows rows, TaskCallers callers) : PageModel
{
    /// <summary>Tasks per page.</summary>
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "ansicht")]
    public InboxView View { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<TaskRow> Rows { get; private set; } = [];

    /// <summary>How many tasks each view has.</summary>
    public IReadOnlyDictionary<InboxView, int> Counts { get; private set; } = new Dictionary<InboxView, int>();

    public int PageCount { get; private set; } = 1;

    public bool MaySeeAll => User.IsInRole(TaskCallers.ReassigningRole);

    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>The TempData key of what a task page did before it sent the user back here (German, from the task page).</summary>
    public const string NoticeKey = "Notice";

    /// <summary>What the task page did, for example to whom it handed the task.</summary>
    [TempData(Key = NoticeKey)]
    public string? Notice { get; set; }

    /// <summary>The TempData key of why a task page sent the user back here (German, from the task page).</summary>
    public const string GoneKey = "Gone";

    /// <summary>Why the task the user wanted to open or complete is no longer open.</summary>
    [TempData(Key = GoneKey)]
    public string? Gone { get; set; }

    public TaskRows TaskRows => rows;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (View == InboxView.Alle && !MaySeeAll)
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Takes an offered task and opens it.</summary>
    public async Task<IActionResult> OnPostClaimAsync(Guid taskId, CancellationToken cancellationToken)
    {
        try
        {
            await engine.ClaimUserTaskAsync(taskId, await callers.ForAsync(User, cancellationToken), cancellationToken);
        }
        catch (Exception error) when (error is TaskAccessDeniedException or InvalidEngineStateException or ConcurrentModificationException or EngineObjectNotFoundException)
        {
            Error = error is EngineObjectNotFoundException ? "Diese Aufgabe gibt es nicht mehr." : error.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage("Detail", new { id = taskId });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // The database filters, sorts, pages and counts: the inbox stays fast with thousands of open tasks.
        var caller = await callers.ForAsync(User, cancellationToken);
        var queries = new Dictionary<InboxView, UserTaskPageQuery>
        {
            [InboxView.Meine] = MyTasks.Assigned(caller),
            [InboxView.Angeboten] = MyTasks.Offered(caller),
        };
        if (MaySeeAll)
        {
            queries[InboxView.Alle] = new();
        }

        var counts = new Dictionary<InboxView, int>();
        foreach (var (view, query) in queries.Where(q => q.Key != View))
        {
            counts[view] = (await engine.PageUserTasksAsync(query with { Take = 0 }, cancellationToken)).Total;
        }

        PageNumber = Math.Max(1, PageNumber);
        var shown = await engine.PageUserTasksAsync(queries[View] with { Skip = (PageNumber - 1) * PageSize, Take = PageSize }, cancellationToken);
        counts[View] = shown.Total;
        PageCount = Math.Max(1, (shown.Total + PageSize - 1) / PageSize);
        if (PageNumber > PageCount)
        {
            // A page beyond the last (tasks were done meanwhile) shows the last one.
            PageNumber = PageCount;
            shown = await engine.PageUserTasksAsync(queries[View] with { Skip = (PageNumber - 1) * PageSize, Take = PageSize }, cancellationToken);
        }

        Counts = counts;
        Rows = await rows.ForAsync(shown.Tasks, caller, cancellationToken);
    }
}
