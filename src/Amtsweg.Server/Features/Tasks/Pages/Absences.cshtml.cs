using Amtsweg.Data;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Tasks.Pages;

/// <summary>
/// Absences and deputies (Vertretung, issue 12.1): a clerk enters their own absence and names a deputy; Leitung enters
/// it for anybody of the municipality. During the absence the deputy's inbox shows the absent person's tasks, marked.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class AbsencesModel(PlatformDbContext db, TaskCallers callers, TimeProvider clock) : PageModel
{
    /// <summary>A colleague who can be absent or deputy: a case-work role in this municipality.</summary>

    /// <summary>An absence as listed.</summary>
    public sealed record Entry(Guid Id, string Person, string Deputy, DateOnly From, DateOnly Until, bool MayRemove);

    public IReadOnlyList<Colleague> Colleagues { get; private set; } = [];

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public bool IsLeitung => User.IsInRole(TaskCallers.ReassigningRole);

    public string Me => User.Identity!.Name!;

    public DateOnly Today => BerlinTime.Today(clock);

    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string? person, string? deputy, DateOnly? from, DateOnly? until, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        person = IsLeitung && !string.IsNullOrWhiteSpace(person) ? person : Me;
        Error = Check(person, deputy, from, until);
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        db.Absences.Add(new Absence
        {
            Id = Guid.CreateVersion7(),
            UserName = person,
            DeputyUserName = deputy!,
            From = from!.Value,
            Until = until!.Value,
            CreatedBy = Me,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        Done = "Absences.Added";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        var absence = await db.Absences.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (absence is null || !(IsLeitung || absence.UserName == Me))
        {
            return NotFound();
        }

        db.Absences.Remove(absence);
        await db.SaveChangesAsync(cancellationToken);
        Done = "Absences.Removed";
        return RedirectToPage();
    }

    private string? Check(string person, string? deputy, DateOnly? from, DateOnly? until)
    {
        if (from is null || until is null)
        {
            return "Bitte geben Sie den ersten und den letzten Tag der Abwesenheit an.";
        }

        if (until < from)
        {
            return "Der letzte Tag der Abwesenheit liegt vor dem ersten.";
        }

        if (until < Today)
        {
            return "Diese Abwesenheit liegt ganz in der Vergangenheit.";
        }

        if (Colleagues.All(c => c.UserName != person))
        {
            return "Diese Person gibt es in Ihrer Gemeinde nicht.";
        }

        if (string.IsNullOrWhiteSpace(deputy) || Colleagues.All(c => c.UserName != deputy))
        {
            return "Bitte wählen Sie eine Vertretung aus Ihrer Gemeinde.";
        }

        return deputy == person ? "Eine Person kann sich nicht selbst vertreten." : null;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Colleagues = await callers.ColleaguesAsync(cancellationToken);
        var names = Colleagues.ToDictionary(c => c.UserName, c => c.DisplayName, StringComparer.Ordinal);
        var today = Today;
        var me = Me;
        var absences = await db.Absences.AsNoTracking()
            .Where(a => a.Until >= today && (IsLeitung || a.UserName == me || a.DeputyUserName == me))
            .OrderBy(a => a.From).ThenBy(a => a.UserName).ToListAsync(cancellationToken);
        Entries = [.. absences.Select(a => new Entry(a.Id, names.GetValueOrDefault(a.UserName, a.UserName), names.GetValueOrDefault(a.DeputyUserName, a.DeputyUserName), a.From, a.Until, IsLeitung || a.UserName == me))];
    }
}
