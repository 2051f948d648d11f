using Amtsweg.Library.Signing;
using Amtsweg.Server.Features.Library.Katalog;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Operations.Kataloge;

/// <summary>
/// The operator's catalogue subscriptions (issue 14.4): other installations' catalogues this installation pulls packages
/// from, fetching one now, removing one, the pinned publisher keys and the key changes waiting for acceptance.
/// Betrieb, not a municipality's Administration: subscriptions, fetched packages and pinned keys are installation-wide
/// (what is fetched is offered to every municipality of the installation), so no single municipality decides on them.
/// </summary>
[Authorize(Policy = Policies.Operations)]
public sealed class IndexModel(PlatformDbContext db, CatalogueSubscriptions subscriptions, CatalogueFetcher fetcher, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>The element ids of the inputs of "Katalog abonnieren"; a refusal is shown at its field.</summary>
    public const string UrlField = "katalog-adresse";

    public const string NameField = "katalog-name";

    public IReadOnlyList<CatalogueSubscription> Subscriptions { get; private set; } = [];

    public IReadOnlyList<PinnedPublisherKey> Pins { get; private set; } = [];

    /// <summary>The publishers' names by AGS, as their packages in the library give them.</summary>
    public IReadOnlyDictionary<string, string> PublisherNames { get; private set; } = new Dictionary<string, string>();

    public PageErrors Errors { get; } = new();

    /// <summary>A refusal that belongs to no field (a subscription or key change that is gone, a key that changed meanwhile).</summary>
    public string? Error { get; private set; }

    /// <summary>What the last action did, in German.</summary>
    public string? Notice { get; private set; }

    /// <summary>The lines of a fetch just done: each package taken, each problem.</summary>
    public IReadOnlyList<string> Taken { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public string? Address { get; private set; }

    public string? Name { get; private set; }

    /// <summary>A fingerprint short enough to compare at a glance: its first four groups.</summary>
    public static string Short(string publicKey)
    {
        var full = PackageKey.Fingerprint(publicKey);
        var groups = full.Split(' ');
        return groups.Length > 4 ? string.Join(' ', groups[..4]) + " …" : full;
    }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string? url, string? name, CancellationToken cancellationToken)
    {
        (Address, Name) = (url, name);
        if (string.IsNullOrWhiteSpace(url))
        {
            Errors.Add(UrlField, text["Catalogues.UrlMissing"]);
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            Errors.Add(NameField, text["Catalogues.NameMissing"]);
        }
        else if (name.Trim().Length > CatalogueSubscription.NameMaxLength)
        {
            Errors.Add(NameField, text["Catalogues.NameTooLong", CatalogueSubscription.NameMaxLength]);
        }

        if (Errors.IsEmpty)
        {
            try
            {
                var added = await subscriptions.AddAsync(url!, name!, User.Identity!.Name!, cancellationToken);
                Notice = text["Catalogues.Added", added.Name];
                (Address, Name) = (null, null);
            }
            catch (CatalogueEntryException refused)
            {
                Errors.Add(UrlField, refused.Message);
            }
        }

        if (!Errors.IsEmpty)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostFetchAsync(Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.CatalogueSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound();
        }

        var result = await fetcher.FetchAsync(id, cancellationToken);
        (Taken, Problems) = (result.Taken, result.Problems);
        Notice = text["Catalogues.Fetched", subscription.Name, result.Imported, result.Known, result.Problems.Count];
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var removed = await subscriptions.RemoveAsync(id, User.Identity!.Name!, cancellationToken);
            Notice = text["Catalogues.Removed", removed.Name];
        }
        catch (CatalogueEntryException)
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptKeyAsync(string? ags, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(ags) || string.IsNullOrEmpty(key) || !await db.PinnedPublisherKeys.AnyAsync(p => p.PublisherAgs == ags, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            var pin = await subscriptions.AcceptKeyChangeAsync(ags, key, User.Identity!.Name!, cancellationToken);
            Notice = text["Catalogues.KeyAccepted", pin.PublisherAgs, Short(pin.PublicKey)];
        }
        catch (CatalogueEntryException refused)
        {
            Error = refused.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Subscriptions = await db.CatalogueSubscriptions.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Url).ToListAsync(cancellationToken);
        Pins = await db.PinnedPublisherKeys.AsNoTracking().OrderBy(p => p.PublisherAgs).ToListAsync(cancellationToken);
        var agsList = Pins.Select(p => p.PublisherAgs).ToList();
        var names = await db.LibraryPackages.AsNoTracking().Where(p => agsList.Contains(p.PublisherAgs))
            .Select(p => new { p.PublisherAgs, p.PublisherName }).Distinct().ToListAsync(cancellationToken);
        PublisherNames = names.GroupBy(n => n.PublisherAgs).ToDictionary(g => g.Key, g => g.First().PublisherName);
    }
}
