using Amtsweg.Engine;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// <c>/prozesse/instanzen</c> (issue 13.1): the process instances of the municipality, newest start first, filtered
/// and paged by the engine in the database (the same query as <c>GET /api/process-instances</c>). A filter value that
/// does not parse is told next to its field and left out.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.ReadingRoles)]
public sealed class InstancesModel(IProcessEngine engine) : PageModel
{
    /// <summary>Instances per page.</summary>
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "prozess")]
    public string? ProcessInput { get; set; }

    [BindProperty(SupportsGet = true, Name = "version")]
    public string? VersionInput { get; set; }

    [BindProperty(SupportsGet = true, Name = "zustand")]
    public string? StateInput { get; set; }

    [BindProperty(SupportsGet = true, Name = "schluessel")]
    public string? BusinessKeyInput { get; set; }

    [BindProperty(SupportsGet = true, Name = "von")]
    public string? FromInput { get; set; }

    [BindProperty(SupportsGet = true, Name = "bis")]
    public string? ToInput { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public string? PageInput { get; set; }

    /// <summary>The filter in effect (bad values left out).</summary>
    public InstanceFilter Filter { get; private set; } = new();

    /// <summary>The messages of filter values that did not parse, by field.</summary>
    public PageErrors Errors { get; } = new();

    /// <summary>The deployed processes, for the process filter and the names in the list.</summary>
    public ProcessCatalog Catalog { get; private set; } = new([]);

    /// <summary>The instances of the page.</summary>
    public IReadOnlyList<ProcessInstanceSummary> Rows { get; private set; } = [];

    /// <summary>The page shown, from 1.</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>True when a further page follows.</summary>
    public bool HasNextPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = InstanceFilter.Parse(ProcessInput, VersionInput, StateInput, BusinessKeyInput, FromInput, ToInput, Errors);
        PageNumber = int.TryParse(PageInput, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= MaxPage ? page : 1;
        Catalog = await ProcessCatalog.LoadAsync(engine, cancellationToken);

        // One more than a page tells whether another follows, without counting every match.
        var rows = await engine.QueryProcessInstancesAsync(Filter.ToQuery((PageNumber - 1) * PageSize, PageSize + 1), cancellationToken);
        HasNextPage = rows.Count > PageSize;
        Rows = [.. rows.Take(PageSize)];
        return Page();
    }

    // Beyond this the skip would pass the engine's integer range; nobody pages that far by hand.
    private const int MaxPage = 1_000_000;
}
