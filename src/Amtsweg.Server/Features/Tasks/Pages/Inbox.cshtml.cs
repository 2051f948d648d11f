using Amtsweg.Engine;
using Amtsweg.Server.Features.Antraege.Start;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

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
/// one button. Filters (process, due date, follow-up reached, text in the task name) and the order come as a GET
/// form, so paging and the view tabs keep them; a user saves them under a name and opens them from a link.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class InboxModel(IProcessEngine engine, TaskRows rows, TaskCallers callers, MyTasks myTasks, PlatformDbContext db, RecordsReader records, TimeProvider clock) : PageModel
{
    /// <summary>Tasks per page.</summary>
    public const int PageSize = 25;

    /// <summary>How many filters a user may save.</summary>
    public const int MaxSavedFilters = 20;

    [BindProperty(SupportsGet = true, Name = "ansicht")]
    public InboxView View { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "prozess")]
    public string? ProcessFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "faellig")]
    public DueFilter? DueFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "wiedervorlage")]
    public bool FollowUpFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "suche")]
    public string? TextFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "sortierung")]
    public InboxSort Sort { get; set; }

    /// <summary>The filter and order in effect (bad values left out).</summary>
    public InboxFilter Filter { get; private set; } = new();

    /// <summary>The deployed processes by name, for the process filter.</summary>
    public IReadOnlyList<(string ProcessId, string Name)> Processes { get; private set; } = [];

    /// <summary>The user's saved filters, by name.</summary>
    public IReadOnlyList<SavedTaskFilter> SavedFilters { get; private set; } = [];

    /// <summary>How many tasks of the view match the filter.</summary>
    public int Matching { get; private set; }

    /// <summary>The name typed into "Filter speichern", kept after a refusal.</summary>
    public string? FilterName { get; private set; }

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

    /// <summary>Saves the current filter and order under a name for the user.</summary>
    public async Task<IActionResult> OnPostSaveFilterAsync(string? name, CancellationToken cancellationToken)
    {
        name = name?.Trim();
        var filter = ReadFilter();
        var me = User.Identity!.Name!;
        var mine = await db.SavedTaskFilters.AsNoTracking().Where(f => f.UserName == me).Select(f => f.Name).ToListAsync(cancellationToken);
        var refusal = string.IsNullOrEmpty(name) ? "Bitte geben Sie dem Filter einen Namen."
            : name.Length > SavedTaskFilter.NameMaxLength ? $"Der Name darf höchstens {SavedTaskFilter.NameMaxLength} Zeichen lang sein."
            : Error is not null ? "Ein Filterwert ist ungültig; bitte prüfen Sie den Filter, bevor Sie ihn speichern."
            : filter.IsDefault ? "Wählen Sie zuerst einen Filter oder eine Sortierung, die Sie speichern möchten."
            : mine.Contains(name, StringComparer.CurrentCultureIgnoreCase) ? $"Sie haben bereits einen Filter „{name}“. Bitte wählen Sie einen anderen Namen."
            : mine.Count >= MaxSavedFilters ? $"Sie können höchstens {MaxSavedFilters} Filter speichern. Bitte löschen Sie zuerst einen."
            : null;
        if (refusal is null)
        {
            var saved = new SavedTaskFilter { Id = Guid.CreateVersion7(), UserName = me, Name = name!, CreatedAt = clock.GetUtcNow() };
            filter.CopyTo(saved);
            db.SavedTaskFilters.Add(saved);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                Notice = $"Der Filter „{name}“ ist gespeichert.";
                return Redirect("/aufgaben?" + filter.QueryString(View));
            }
            catch (DbUpdateException)
            {
                // The same name saved at the same moment in another tab: the unique index refuses it.
                db.ChangeTracker.Clear();
                refusal = $"Sie haben bereits einen Filter „{name}“. Bitte wählen Sie einen anderen Namen.";
            }
        }

        Error = refusal;
        FilterName = name;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Deletes one of the user's saved filters; another user's, or another municipality's, is not found.</summary>
    public async Task<IActionResult> OnPostDeleteFilterAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = User.Identity!.Name!;
        var saved = await db.SavedTaskFilters.SingleOrDefaultAsync(f => f.Id == id && f.UserName == me, cancellationToken);
        if (saved is null)
        {
            return NotFound();
        }

        db.SavedTaskFilters.Remove(saved);
        await db.SaveChangesAsync(cancellationToken);
        Notice = $"Der Filter „{saved.Name}“ ist gelöscht.";
        return Redirect("/aufgaben?" + ReadFilter().QueryString(View));
    }

    /// <summary>The inbox's address for a saved filter in the current view.</summary>
    public string LinkTo(SavedTaskFilter saved) => "/aufgaben?" + InboxFilter.Of(saved).QueryString(View);

    /// <summary>True when <paramref name="saved"/> is the filter in effect.</summary>
    public bool IsOpen(SavedTaskFilter saved) => InboxFilter.Of(saved) == Filter;

    /// <summary>The address of the view, page or order with the current filter.</summary>
    public string LinkTo(InboxView view, int page = 1) => "/aufgaben?" + Filter.QueryString(view, page);

    private static readonly HashSet<string> FilterKeys = new(["prozess", "faellig", "wiedervorlage", "suche", "sortierung"], StringComparer.OrdinalIgnoreCase);

    // Bad values in the query string (an unknown due filter, an over-long text) are left out with a message.
    private InboxFilter ReadFilter()
    {
        var bad = ModelState.Where(entry => FilterKeys.Contains(entry.Key) && entry.Value?.ValidationState == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            .Select(entry => entry.Key).ToList();
        var text = TextFilter;
        if (text is not null && text.Trim().Length > SavedTaskFilter.TextMaxLength)
        {
            bad.Add("suche");
            text = null;
        }

        if (bad.Count > 0)
        {
            Error ??= "Ein Filterwert ist ungültig und wurde nicht angewendet.";
        }

        Filter = InboxFilter.Of(ProcessFilter, DueFilter, FollowUpFilter, text, Sort);
        return Filter;
    }

    /// <summary>Takes an offered task and opens it.</summary>
    public async Task<IActionResult> OnPostClaimAsync(Guid taskId, CancellationToken cancellationToken)
    {
        try
        {
            await engine.ClaimUserTaskAsync(taskId, await callers.ForAsync(User, cancellationToken), cancellationToken);
        }
        catch (Exception error) when (Refusals.TryDescribe(error, out var refusal))
        {
            Error = refusal;
            Response.StatusCode = StatusCodes.Status409Conflict;
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage("Detail", new { id = taskId });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // The database filters, sorts, pages and counts: the inbox stays fast with thousands of open tasks.
        var filter = ReadFilter();
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

        // The tabs count each view whole; the filter narrows the list only, whose own count is Matching.
        var shownQuery = filter.ApplyTo(queries[View], clock);
        if (filter.Text is { } text)
        {
            // The text also finds the tasks of the Vorgänge whose Aktenzeichen or subject contains it.
            shownQuery = shownQuery with { OrInProcessInstances = await records.ProcessInstancesOfVorgaengeAsync(text, 1_000, cancellationToken) };
        }

        PageNumber = Math.Max(1, PageNumber);
        var shown = await engine.PageUserTasksAsync(shownQuery with { Skip = (PageNumber - 1) * PageSize, Take = PageSize }, cancellationToken);
        var counts = new Dictionary<InboxView, int>();
        foreach (var (view, query) in queries)
        {
            counts[view] = view == View && filter.FiltersNothing ? shown.Total : (await engine.PageUserTasksAsync(query with { Take = 0 }, cancellationToken)).Total;
        }

        // The navigation shows the same number: counted once per request (MyTasks keeps it for the layout).
        myTasks.Remember(User, counts[InboxView.Meine]);
        Matching = shown.Total;
        PageCount = Math.Max(1, (shown.Total + PageSize - 1) / PageSize);
        if (PageNumber > PageCount)
        {
            // A page beyond the last (tasks were done meanwhile) shows the last one.
            PageNumber = PageCount;
            shown = await engine.PageUserTasksAsync(shownQuery with { Skip = (PageNumber - 1) * PageSize, Take = PageSize }, cancellationToken);
        }

        Counts = counts;
        Rows = await rows.ForAsync(shown.Tasks, caller, cancellationToken);
        var names = (await engine.ListProcessDefinitionsAsync(cancellationToken))
            .GroupBy(d => d.ProcessId, StringComparer.Ordinal)
            .Select(g => (ProcessId: g.Key, Name: IndexModel.NameOf(g.MaxBy(d => d.Version)!)))
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        if (filter.ProcessId is { } processId && names.All(n => n.ProcessId != processId))
        {
            // A saved filter's process that is no longer deployed stays selectable, so the form shows what is filtered.
            names.Add((processId, "Nicht mehr bereitgestellter Prozess"));
        }

        Processes = names;
        var me = User.Identity!.Name!;
        SavedFilters = [.. (await db.SavedTaskFilters.AsNoTracking().Where(f => f.UserName == me).ToListAsync(cancellationToken))
            .OrderBy(f => f.Name, StringComparer.CurrentCultureIgnoreCase)];
    }
}
