using Amtsweg.Data;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Wiedervorlagen;

/// <summary>My follow-ups across all open Vorgänge (issue 12.1), due ones first.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(RecordsDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>The most follow-ups shown; the count says when there are more.</summary>
    public const int MaxShown = 200;

    /// <summary>A follow-up with its Vorgang.</summary>
    public sealed record Entry(DateOnly DueOn, string Reason, Guid VorgangId, string Aktenzeichen, string Title);

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public DateOnly Today => BerlinTime.Today(clock);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.Identity!.Name!;
        var mine = from w in db.Wiedervorlagen.AsNoTracking()
                   join v in db.Vorgaenge.AsNoTracking() on w.VorgangId equals v.Id
                   where w.CreatedBy == me && v.State == RecordState.Open
                   select new { w, v };
        Total = await mine.CountAsync(cancellationToken);
        Entries = await mine.OrderBy(x => x.w.DueOn).ThenBy(x => x.v.Aktenzeichen).Take(MaxShown)
            .Select(x => new Entry(x.w.DueOn, x.w.Reason, x.v.Id, x.v.Aktenzeichen, x.v.Title))
            .ToListAsync(cancellationToken);
    }
}
