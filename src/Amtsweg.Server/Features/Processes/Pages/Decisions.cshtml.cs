using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// <c>/prozesse/entscheidungen</c> (issue 13.2): the municipality's deployed decisions (DMN) with their versions, who
/// deployed each and why, the processes that call them, and the drafts of the decision editor. Prozessgestaltung and
/// Administration edit; Leitung reads and may download a deployed version's file.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.ReadingRoles)]
public sealed class DecisionsModel(IProcessEngine engine, PlatformDbContext db) : PageModel
{
    /// <summary>The page's path.</summary>
    public const string PagePath = "/prozesse/entscheidungen";

    /// <summary>What the last post did (German), shown once.</summary>
    [TempData(Key = ProcessPages.NoticeKey)]
    public string? Notice { get; set; }

    /// <summary>The deployed decisions by decision id, each with its versions, newest first.</summary>
    public IReadOnlyList<IGrouping<string, DecisionDefinitionInfo>> Decisions { get; private set; } = [];

    /// <summary>The drafts of the decision editor, by name.</summary>
    public IReadOnlyList<DecisionDraftRow> Drafts { get; private set; } = [];

    /// <summary>The names of the deployed processes, for the processes that call a decision.</summary>
    public ProcessCatalog Processes { get; private set; } = new([]);

    /// <summary>True when the user may edit decisions (Prozessgestaltung).</summary>
    public bool MayEdit => ProcessPages.MayDesign(User);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Decisions = [.. (await engine.ListDecisionDefinitionsAsync(cancellationToken))
            .GroupBy(d => d.DecisionId, StringComparer.Ordinal)
            .OrderBy(g => g.First().Name ?? g.Key, StringComparer.CurrentCultureIgnoreCase)];
        Processes = await ProcessCatalog.LoadAsync(engine, cancellationToken);
        var drafts = await db.DecisionDrafts.AsNoTracking()
            .Select(d => new { d.Id, d.DefinitionsId, d.Name, d.DecisionIds, d.UpdatedBy, d.UpdatedAt })
            .ToListAsync(cancellationToken);
        var users = drafts.Select(d => d.UpdatedBy).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => users.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken);
        Drafts = [.. drafts
            .Select(d => new DecisionDraftRow(
                d.Id,
                string.IsNullOrWhiteSpace(d.Name) ? d.DefinitionsId : d.Name,
                d.DecisionIds.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                names.GetValueOrDefault(d.UpdatedBy) is { Length: > 0 } name ? name : d.UpdatedBy,
                d.UpdatedAt))
            .OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The file a deployed decision version came in, as deployed; another municipality's is not found.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(Guid id, CancellationToken cancellationToken)
    {
        var version = (await engine.ListDecisionDefinitionsAsync(cancellationToken)).FirstOrDefault(d => d.Id == id);
        if (version is null)
        {
            return NotFound();
        }

        var xml = await engine.GetDecisionDefinitionXmlAsync(id, cancellationToken);
        return File(System.Text.Encoding.UTF8.GetBytes(xml), "application/xml", $"{version.DecisionId}-v{version.Version}.dmn");
    }

    /// <summary>The draft that contains a decision, or null.</summary>
    public DecisionDraftRow? DraftOf(string decisionId) => Drafts.FirstOrDefault(d => d.DecisionIds.Contains(decisionId, StringComparer.Ordinal));

    /// <summary>The URL of a version's download.</summary>
    public static string DownloadUrl(Guid id) => $"{PagePath}?handler=Download&id={id}";
}

/// <summary>A draft in the list of <c>/prozesse/entscheidungen</c>.</summary>
/// <param name="Id">The draft.</param>
/// <param name="Name">The file's name, else its definitions id.</param>
/// <param name="DecisionIds">The decisions in the file.</param>
/// <param name="SavedBy">The display name of whoever saved it last.</param>
/// <param name="SavedAt">When it was saved last (UTC).</param>
public sealed record DecisionDraftRow(Guid Id, string Name, IReadOnlyList<string> DecisionIds, string SavedBy, DateTimeOffset SavedAt);
