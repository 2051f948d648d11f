using System.Globalization;
using Amtsweg.Data;
using Amtsweg.Documents;
using Amtsweg.Engine;
using Amtsweg.Feel;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;

namespace Amtsweg.Casework;

/// <summary>
/// The built-in job type <c>amtsweg:dokument-erzeugen</c>: a service task writes a letter from a template into the
/// instance's Vorgang (ADR 0015). Task headers: <c>titel</c> and <c>vorlage</c> (required; placeholders
/// <c>{{ FEEL }}</c> over the instance's variables), <c>dokumentart</c> (default <c>Schreiben</c>), <c>empfaenger</c>
/// (optional, with placeholders) and <c>ergebnisvariable</c> (optional: the variable that receives the new document's
/// id). The document is filed in the job's own transaction, so it exists exactly when the job completed. A missing
/// Vorgang, a closed one or a placeholder without value stops the job with an incident and a German message; nothing
/// is filed, and after the cause is fixed the incident is retried.
/// </summary>
internal sealed class GenerateDokumentHandler(
    ProcessVorgang processVorgang,
    RecordsCommandExecutor executor,
    UnitOfWork unitOfWork,
    TimeProvider clock) : IServiceTaskHandler
{
    /// <summary>The job type (<c>zeebe:taskDefinition type</c>).</summary>
    public const string Type = "amtsweg:dokument-erzeugen";

    public string JobType => Type;

    public IEnumerable<ServiceTaskProblem> Validate(IReadOnlyDictionary<string, string> headers)
    {
        foreach (var required in new[] { "titel", "vorlage" })
        {
            if (string.IsNullOrWhiteSpace(headers.GetValueOrDefault(required)))
            {
                yield return new ServiceTaskProblem(
                    $"Die Dokumenterzeugung braucht den Header „{required}“ (zeebe:taskHeaders).",
                    $"Generating a document needs the header '{required}' (zeebe:taskHeaders).");
            }
        }

        foreach (var name in new[] { "titel", "vorlage", "empfaenger" })
        {
            if (headers.GetValueOrDefault(name) is { } text && Check(text) is { } error)
            {
                yield return new ServiceTaskProblem($"Header „{name}“: {error.MessageGerman}", $"Header '{name}': {error.MessageEnglish}");
            }
        }

        if (headers.GetValueOrDefault("dokumentart") is { } type && (type.Trim().Length is 0 or > 100))
        {
            yield return new ServiceTaskProblem("Der Header „dokumentart“ muss 1 bis 100 Zeichen lang sein.", "The header 'dokumentart' must be 1 to 100 characters long.");
        }
    }

    public async Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vorgang = await processVorgang.FindAsync(context, cancellationToken)
            ?? throw new ServiceTaskIncidentException("Das Dokument kann nicht erzeugt werden: Der Prozess ist keinem Vorgang zugeordnet. Starten Sie ihn in einem Vorgang.");
        var now = BerlinTime.Now(clock);
        var (title, recipient, content) = Render(context, vorgang, now);
        var type = context.Headers.GetValueOrDefault("dokumentart") is { } t && t.Trim().Length > 0 ? t.Trim() : "Schreiben";
        var metadata = new DokumentMetadata(title, DateOnly.FromDateTime(now.DateTime), type, null, recipient, Confidentiality.Internal, $"{context.ElementId}.pdf", "application/pdf");
        var document = new AddDokumentCommand(vorgang.Id, metadata, new MemoryStream(PdfWriter.Write(content))) { Text = content.ToPlainText() };
        var actor = $"Prozess {context.ProcessInstanceId:D}";

        // Rendered and stored outside the transaction; filed inside the job's, so the document exists exactly when the job completed.
        try
        {
            await executor.StageAsync(document, cancellationToken);
            var transaction = await context.BeginTransactionAsync(cancellationToken);
            await using var work = await unitOfWork.JoinAsync(transaction, [RecordsServiceCollectionExtensions.Module], cancellationToken);
            var version = await executor.ExecuteAsync(document, actor, cancellationToken);
            return context.Headers.GetValueOrDefault("ergebnisvariable") is { Length: > 0 } variable
                ? new Dictionary<string, object?> { [variable.Trim()] = version.DokumentId.ToString("D") }
                : new Dictionary<string, object?>();
        }
        catch (RecordsException error)
        {
            throw new ServiceTaskIncidentException($"Das Dokument „{title}“ kann nicht abgelegt werden: {error.Message}", error);
        }
    }

    /// <summary>Fills the templates with the instance's variables: the letter's title, recipient and content.</summary>
    private (string Title, string? Recipient, PdfContent Content) Render(ServiceTaskContext context, Vorgang vorgang, DateTimeOffset now)
    {
        var scope = FeelScope.From(context.Variables.Select(v => KeyValuePair.Create(v.Key, (object?)v.Value)));
        var options = new FeelEvaluationOptions { Clock = clock, TimeZone = BerlinTime.Zone };
        string title, text;
        string? recipient;
        try
        {
            title = TextTemplate.Parse(context.Headers.GetValueOrDefault("titel") ?? "").Render(scope, options).Trim();
            text = TextTemplate.Parse(context.Headers.GetValueOrDefault("vorlage") ?? "").Render(scope, options);
            recipient = context.Headers.GetValueOrDefault("empfaenger") is { Length: > 0 } to ? TextTemplate.Parse(to).Render(scope, options).Trim() : null;
        }
        catch (TemplateException error)
        {
            throw new ServiceTaskIncidentException($"Das Dokument kann nicht erzeugt werden: {error.MessageGerman}", error);
        }

        var head = new List<PdfField> { new("Aktenzeichen", vorgang.Aktenzeichen), new("Datum", now.ToString("dd.MM.yyyy", CultureInfo.GetCultureInfo("de-DE"))) };
        if (recipient is { Length: > 0 })
        {
            head.Insert(0, new PdfField("An", recipient));
        }

        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n").Select(p => p.Trim('\n')).Where(p => p.Length > 0).ToList();
        return (title, recipient, new PdfContent(title, head, [], paragraphs));
    }

    private static TemplateException? Check(string template)
    {
        try
        {
            TextTemplate.Parse(template);
            return null;
        }
        catch (TemplateException error)
        {
            return error;
        }
    }
}
