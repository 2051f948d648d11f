using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Library.Bibliothek;

/// <summary>
/// <c>/bibliothek</c> (issue 14.3): every package the installation knows, newest version each, with what the own
/// municipality uses and how many municipalities use it (counts only). One search field over title, description, LeiKa
/// key and tag (<see cref="ShelfSearch"/>), and a filter by tag.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = LibraryPages.ReadingRoles)]
public sealed class IndexModel(LibraryShelf shelf) : PageModel
{
    /// <summary>The search words as typed.</summary>
    [BindProperty(SupportsGet = true, Name = "suche")]
    public string? Query { get; set; }

    /// <summary>The tag chosen, or null for all.</summary>
    [BindProperty(SupportsGet = true, Name = "schlagwort")]
    public string? Tag { get; set; }

    /// <summary>The packages found, by title.</summary>
    public IReadOnlyList<ShelfPackage> Packages { get; private set; } = [];

    /// <summary>How many packages the library has in all.</summary>
    public int Total { get; private set; }

    /// <summary>Every tag of the newest versions, sorted.</summary>
    public IReadOnlyList<string> Tags { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query = Query is { Length: > 200 } ? Query[..200] : Query?.Trim();
        Tag = string.IsNullOrWhiteSpace(Tag) ? null : Tag.Trim();
        var all = await shelf.ListAsync(cancellationToken);
        Total = all.Count;
        Tags = [.. all.SelectMany(p => p.Newest.Tags).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("de-DE"), ignoreCase: true))];
        Packages = [.. all.Where(p => ShelfSearch.Matches(p.Newest, Query) && (Tag is null || p.Newest.Tags.Contains(Tag, StringComparer.OrdinalIgnoreCase)))];
    }
}
