using System.Text;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Administration.Aktenplan;

/// <summary>
/// The Aktenplan for Administration (issue 13.5): the positions as a tree with their retention period, disposal rule and
/// number of Akten; a new position; a retention change with its reason (an audited act of the e-file); the plan as CSV
/// to download and a CSV to add positions from, as <c>amtsweg aktenplan</c> does. Positions are never removed or moved,
/// so no Akte loses its position. Every refusal is the e-file's German message, and nothing changes.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class AktenplanPageModel(RecordsReader reader, RecordsCommandExecutor executor, RecordsDbContext records, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>The largest CSV file taken: far more than any municipality's plan.</summary>
    public const int MaxCsvBytes = 1024 * 1024;

    public IReadOnlyList<PositionResponse> Positions { get; private set; } = [];

    /// <summary>How many Akten each position holds directly, by position id.</summary>
    public IReadOnlyDictionary<Guid, int> AktenCounts { get; private set; } = new Dictionary<Guid, int>();

    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>The position whose form the error belongs to (kept open), or null for the forms above the tree.</summary>
    public Guid? ErrorAt { get; private set; }

    /// <summary>What was posted, shown again after an error so that nothing typed is lost.</summary>
    public IReadOnlyDictionary<string, string> Posted { get; private set; } = new Dictionary<string, string>();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await using var writer = new StringWriter();
        await AktenplanCsv.ExportAsync(records, writer, cancellationToken);
        return File(new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetBytes(writer.ToString()), "text/csv; charset=utf-8", "aktenplan.csv");
    }

    public Task<IActionResult> OnPostCreateAsync(string? parent, string? code, string? title, int? years, DisposalRule? disposal, CancellationToken cancellationToken) =>
        ExecuteAsync(null, years is null || disposal is null ? null : new CreateAktenplanPositionCommand(code ?? "", title ?? "", string.IsNullOrEmpty(parent) ? null : parent, years.Value, disposal.Value),
            created => text["Aktenplan.Created", created.Code, created.Title], cancellationToken);

    public Task<IActionResult> OnPostRetentionAsync(Guid id, int? years, DisposalRule? disposal, string? reason, CancellationToken cancellationToken) =>
        ExecuteAsync(id, years is null || disposal is null ? null : new ChangeRetentionCommand(id, years.Value, disposal.Value, reason ?? ""),
            changed => text["Aktenplan.RetentionChanged", changed.Code, changed.Title], cancellationToken);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? datei, CancellationToken cancellationToken)
    {
        if (datei is null || datei.Length == 0 || datei.Length > MaxCsvBytes)
        {
            return await RefuseAsync(null, text["Aktenplan.ImportFileMissing", MaxCsvBytes / 1024], cancellationToken);
        }

        using var content = new StreamReader(datei.OpenReadStream(), Encoding.UTF8);
        var csv = await content.ReadToEndAsync(cancellationToken);
        return await ExecuteAsync(null, new ImportAktenplanCommand(csv), created => text["Aktenplan.Imported", created], cancellationToken);
    }

    private async Task<IActionResult> ExecuteAsync<T>(Guid? at, RecordsCommand<T>? command, Func<T, LocalizedString> done, CancellationToken cancellationToken)
    {
        if (command is null)
        {
            return await RefuseAsync(at, text["Aktenplan.RetentionMissing"], cancellationToken);
        }

        try
        {
            Done = done(await executor.ExecuteAsync(command, User.Identity!.Name!, cancellationToken)).Value;
            return RedirectToPage();
        }
        catch (RecordsException error)
        {
            return await RefuseAsync(at, error.Message, cancellationToken);
        }
    }

    private async Task<IActionResult> RefuseAsync(Guid? at, string message, CancellationToken cancellationToken)
    {
        (Error, ErrorAt) = (message, at);
        if (Request.HasFormContentType)
        {
            Posted = Request.Form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        }

        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Positions = await reader.PositionsAsync(cancellationToken);
        AktenCounts = await reader.AktenCountsAsync(cancellationToken);
    }
}
