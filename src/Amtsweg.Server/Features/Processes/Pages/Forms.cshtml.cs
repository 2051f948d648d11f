using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// <c>/prozesse/formulare</c> (issue 13.2): the municipality's deployed forms with their versions, who deployed each and
/// why, the drafts of the form editor, and the way into the editor. For Prozessgestaltung and Administration, like the editor.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.DesigningRoles)]
public sealed class FormsModel(IProcessEngine engine, PlatformDbContext db) : PageModel
{
    /// <summary>The page's path.</summary>
    public const string PagePath = "/prozesse/formulare";

    /// <summary>What the last post did (German), shown once.</summary>
    [TempData(Key = ProcessPages.NoticeKey)]
    public string? Notice { get; set; }

    /// <summary>The deployed forms by form id, each with its versions, newest first.</summary>
    public IReadOnlyList<IGrouping<string, FormDefinitionInfo>> Forms { get; private set; } = [];

    /// <summary>The drafts of the form editor, by form id.</summary>
    public IReadOnlyList<FormDraftRow> Drafts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Forms = [.. (await engine.ListFormDefinitionsAsync(cancellationToken))
            .GroupBy(f => f.FormId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.CurrentCultureIgnoreCase)];
        var drafts = await db.FormDrafts.AsNoTracking()
            .Select(d => new { d.Id, d.FormId, d.UpdatedBy, d.UpdatedAt })
            .ToListAsync(cancellationToken);
        var users = drafts.Select(d => d.UpdatedBy).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => users.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken);
        Drafts = [.. drafts
            .Select(d => new FormDraftRow(d.Id, d.FormId, names.GetValueOrDefault(d.UpdatedBy) is { Length: > 0 } name ? name : d.UpdatedBy, d.UpdatedAt))
            .OrderBy(d => d.FormId, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The draft of a form, or null.</summary>
    public FormDraftRow? DraftOf(string formId) => Drafts.FirstOrDefault(d => d.FormId == formId);
}

/// <summary>A draft in the list of <c>/prozesse/formulare</c>.</summary>
/// <param name="Id">The draft.</param>
/// <param name="FormId">The form id.</param>
/// <param name="SavedBy">The display name of whoever saved it last.</param>
/// <param name="SavedAt">When it was saved last (UTC).</param>
public sealed record FormDraftRow(Guid Id, string FormId, string SavedBy, DateTimeOffset SavedAt);
