using Amtsweg.Engine;
using Amtsweg.Forms.Schema;
using Amtsweg.Integration.Fim;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// <c>/prozesse/formulare</c> (issue 13.2): the municipality's deployed forms with their versions, who deployed each and
/// why, the drafts of the form editor, and the way into the editor. For Prozessgestaltung and Administration, like the editor.
/// „Aus FIM-Datenschema importieren“ (issue 15.6, <c>?handler=ImportFim</c>) makes a draft of the form editor from an
/// XDatenfelder 2.0 or 3.0.0 file and shows what the form does not express; a file that cannot be imported saves nothing.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.DesigningRoles)]
public sealed class FormsModel(IProcessEngine engine, PlatformDbContext db, TimeProvider clock, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>Largest XDatenfelder file accepted; a data schema of the federal catalogue is far below.</summary>
    public const int MaxFimBytes = 4 * 1024 * 1024;

    /// <summary>Why the last import saved nothing (German), or null.</summary>
    public string? ImportError { get; private set; }

    /// <summary>The import that just made a draft, or null.</summary>
    public FimImported? Imported { get; private set; }

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

    /// <summary>
    /// Imports an XDatenfelder file as a new draft of the form editor. The page answers directly (not by redirect) so that
    /// the notes, which may be long, are shown with it; posting again finds the draft and saves nothing twice.
    /// </summary>
    public async Task<IActionResult> OnPostImportFimAsync(IFormFile? datei, CancellationToken cancellationToken)
    {
        if (datei is null || datei.Length == 0)
        {
            return await RefuseAsync(text["Forms.ImportFim.FileMissing"], cancellationToken);
        }

        if (datei.Length > MaxFimBytes)
        {
            return await RefuseAsync(text["Forms.ImportFim.TooLarge", MaxFimBytes / (1024 * 1024)], cancellationToken);
        }

        FimFormImport import;
        try
        {
            await using var stream = datei.OpenReadStream();
            import = FimFormImporter.Import(stream);
            _ = FormSchemaReader.Read(import.FormJson);
        }
        catch (FimImportException error)
        {
            return await RefuseAsync(text["Forms.ImportFim.Refused", error.Message], cancellationToken);
        }
        catch (FormSchemaException error)
        {
            return await RefuseAsync(text["Forms.ImportFim.Refused", error.Message], cancellationToken);
        }

        if (import.FormId.Length > FormDraft.FormIdMaxLength)
        {
            return await RefuseAsync(text["Forms.ImportFim.IdTooLong", FormDraft.FormIdMaxLength], cancellationToken);
        }

        if (await db.FormDrafts.AsNoTracking().AnyAsync(d => d.FormId == import.FormId, cancellationToken))
        {
            return await RefuseAsync(text["Forms.ImportFim.DraftExists", import.FormId], cancellationToken);
        }

        var draft = FormDraft.New(import.FormId, import.FormJson, User.Identity!.Name!, clock.GetUtcNow());
        db.FormDrafts.Add(draft);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index (one draft per form id): the same file imported at the same moment by someone else.
            db.ChangeTracker.Clear();
            return await RefuseAsync(text["Forms.ImportFim.DraftExists", import.FormId], cancellationToken);
        }

        Imported = new FimImported(draft.Id, import.FormId, import.Name, import.FieldCount, import.GroupCount, import.Notes);
        await OnGetAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> RefuseAsync(LocalizedString message, CancellationToken cancellationToken)
    {
        ImportError = message.Value;
        await OnGetAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
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

/// <summary>What an import from a FIM data schema made, shown once on <c>/prozesse/formulare</c>.</summary>
/// <param name="DraftId">The new draft.</param>
/// <param name="FormId">The form id (the FIM id of the schema).</param>
/// <param name="Name">The schema's name.</param>
/// <param name="Fields">Fields and texts in the form.</param>
/// <param name="Groups">Groups and lists in the form.</param>
/// <param name="Notes">What the form does not express (German).</param>
public sealed record FimImported(Guid DraftId, string FormId, string Name, int Fields, int Groups, IReadOnlyList<string> Notes);
