using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Data;
using Amtsweg.Documents;
using Amtsweg.Engine;
using Amtsweg.Feel;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;

namespace Amtsweg.Casework;

/// <summary>
/// The built-in job type <c>amtsweg:dokument-erzeugen</c>: a service task writes a document into the instance's
/// Vorgang (ADR 0015, ADR 0023), in one of two modes chosen by the task headers.
/// <list type="bullet">
/// <item><b>A letter from a template</b>: <c>brief</c> names a shipped letter template (<c>bescheid</c>,
/// <c>nachforderung</c>), written in the municipality's own version when Administration has made one, or one of the
/// municipality's own templates (made by Administration or brought by an installed package)
/// (<see cref="ILetterTemplateSource"/>). Each field of the template takes the process variable of the same name (the Bescheid's
/// <c>antragsdatum</c>, <c>tenor</c>, <c>begruendung</c>, <c>kosten</c>), checked as on the letter page: a required
/// field needs a value, a date field a date (<c>2026-11-12</c>), a list field a list of texts or one text per line.
/// <c>empfaenger</c> (required) gives the address lines, the name first, one per line (<c>&amp;#10;</c>) or separated
/// by commas, with placeholders <c>{{ FEEL }}</c> over the variables. The letter is written as the clerk's is: DIN
/// 5008 on the municipality's letterhead (<see cref="ILetterheadSource"/>), PDF/A, type <c>Schreiben</c> (or
/// <c>dokumentart</c>), titled with its subject, with a note that it was made by machine instead of a signature.
/// <c>titel</c> and <c>vorlage</c> do not belong to this mode.</item>
/// <item><b>A plain document</b>: <c>titel</c> and <c>vorlage</c> (required; placeholders <c>{{ FEEL }}</c> over the
/// instance's variables), <c>dokumentart</c> (default <c>Schreiben</c>), <c>empfaenger</c> (optional, with
/// placeholders).</item>
/// </list>
/// Both take <c>ergebnisvariable</c> (optional: the variable that receives the new document's id). The document is
/// filed in the job's own transaction, so it exists exactly when the job completed. A missing Vorgang, a closed one,
/// a missing field value or placeholder value, or a municipality without letterhead stops the job with an incident and
/// a German message; nothing is filed, and after the cause is fixed the incident is retried. An unknown template
/// refuses the deployment.
/// </summary>
internal sealed class GenerateDokumentHandler(
    ProcessVorgang processVorgang,
    RecordsCommandExecutor executor,
    UnitOfWork unitOfWork,
    ILetterheadSource letterheads,
    ILetterTemplateSource templates,
    TimeProvider clock) : IServiceTaskHandler
{
    /// <summary>The job type (<c>zeebe:taskDefinition type</c>).</summary>
    public const string Type = "amtsweg:dokument-erzeugen";

    /// <summary>Printed instead of a signature under a letter a process wrote (§ 37 Abs. 5 VwVfG).</summary>
    public const string MachineSignature = "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.";

    public string JobType => Type;

    public IEnumerable<ServiceTaskProblem> Validate(IReadOnlyDictionary<string, string> headers)
    {
        var letter = headers.GetValueOrDefault("brief");
        if (letter is not null)
        {
            if (!templates.Exists(letter.Trim()))
            {
                var known = string.Join(", ", LetterTemplate.Defaults.Select(t => $"„{t.Key}“ ({t.Name})"));
                yield return new ServiceTaskProblem(
                    $"Die Briefvorlage „{letter.Trim()}“ gibt es nicht (Header „brief“). Möglich sind die mitgelieferten ({known}) und die eigenen Briefvorlagen der Gemeinde.",
                    $"There is no letter template '{letter.Trim()}' (header 'brief'). Known are the shipped ones ({string.Join(", ", LetterTemplate.Defaults.Select(t => t.Key))}) and the municipality's own.");
            }

            foreach (var excluded in new[] { "titel", "vorlage" }.Where(headers.ContainsKey))
            {
                yield return new ServiceTaskProblem(
                    $"Ein Brief aus einer Vorlage (Header „brief“) nimmt Betreff und Text aus der Vorlage: Entfernen Sie den Header „{excluded}“.",
                    $"A letter from a template (header 'brief') takes subject and text from the template: remove the header '{excluded}'.");
            }

            if (string.IsNullOrWhiteSpace(headers.GetValueOrDefault("empfaenger")))
            {
                yield return new ServiceTaskProblem(
                    "Ein Brief aus einer Vorlage braucht den Header „empfaenger“ mit der Anschrift (Name, Straße, Ort).",
                    "A letter from a template needs the header 'empfaenger' with the address (name, street, town).");
            }
        }
        else
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
        var type = context.Headers.GetValueOrDefault("dokumentart") is { } t && t.Trim().Length > 0 ? t.Trim() : LetterDocuments.DokumentType;
        var document = context.Headers.GetValueOrDefault("brief") is { } key
            ? await LetterAsync(context, key.Trim(), vorgang, type, DateOnly.FromDateTime(now.DateTime), cancellationToken)
            : Plain(context, vorgang, type, now);
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
            throw new ServiceTaskIncidentException($"Das Dokument „{document.Metadata.Title}“ kann nicht abgelegt werden: {error.Message}", error);
        }
    }

    /// <summary>A letter from the template <paramref name="key"/> (the municipality's version first), its fields filled from the variables of the same names.</summary>
    private async Task<AddDokumentCommand> LetterAsync(ServiceTaskContext context, string key, Vorgang vorgang, string type, DateOnly today, CancellationToken cancellationToken)
    {
        // Validate refused unknown keys at deployment; the municipality's own version of a shipped template comes first.
        var template = await templates.FindAsync(key, cancellationToken)
            ?? throw new ServiceTaskIncidentException($"Das Schreiben kann nicht erzeugt werden: Die Briefvorlage „{key}“ gibt es nicht.");
        var failed = $"Das Schreiben „{template.Name}“ kann nicht erzeugt werden:";
        Dictionary<string, object?> values;
        try
        {
            values = LetterComposer.ValuesFromVariables(template, context.Variables);
        }
        catch (TemplateException error)
        {
            throw new ServiceTaskIncidentException($"{failed} {error.MessageGerman}", error);
        }

        var recipient = LetterComposer.AddressLines(Render(context, "empfaenger", failed));
        if (recipient.Count == 0)
        {
            throw new ServiceTaskIncidentException($"{failed} Die Anschrift des Empfängers (Header „empfaenger“) ist leer.");
        }

        Letterhead letterhead;
        try
        {
            letterhead = await letterheads.FindAsync(cancellationToken)
                ?? throw new ServiceTaskIncidentException($"{failed} Für die Gemeinde ist noch kein Briefkopf hinterlegt. Hinterlegen Sie zuerst den Briefkopf mit Anschrift.");
        }
        catch (LetterException error)
        {
            throw new ServiceTaskIncidentException($"{failed} Der Briefkopf der Gemeinde ist fehlerhaft: {error.MessageGerman}", error);
        }

        var setting = new LetterSetting(vorgang.Aktenzeichen, vorgang.Title, recipient, letterhead, today)
        {
            ContactPhone = letterhead.Phone,
            ContactEmail = letterhead.Email,
            Signature = [MachineSignature],
        };
        try
        {
            var letter = LetterComposer.Compose(template, values, setting, clock, BerlinTime.Zone);
            return LetterDocuments.Command(vorgang.Id, template, letter, LetterWriter.Write(letter), type);
        }
        catch (TemplateException error)
        {
            throw new ServiceTaskIncidentException($"{failed} {error.MessageGerman}", error);
        }
        catch (LetterException error)
        {
            throw new ServiceTaskIncidentException($"{failed} {error.MessageGerman}", error);
        }
    }

    /// <summary>A plain document: the title and text templates filled with the instance's variables.</summary>
    private AddDokumentCommand Plain(ServiceTaskContext context, Vorgang vorgang, string type, DateTimeOffset now)
    {
        const string failed = "Das Dokument kann nicht erzeugt werden:";
        var title = Render(context, "titel", failed).Trim();
        var text = Render(context, "vorlage", failed);
        var recipient = context.Headers.ContainsKey("empfaenger") ? Render(context, "empfaenger", failed).Trim() : null;
        var head = new List<PdfField> { new("Aktenzeichen", vorgang.Aktenzeichen), new("Datum", now.ToString("dd.MM.yyyy", CultureInfo.GetCultureInfo("de-DE"))) };
        if (recipient is { Length: > 0 })
        {
            head.Insert(0, new PdfField("An", recipient));
        }

        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n").Select(p => p.Trim('\n')).Where(p => p.Length > 0).ToList();
        var content = new PdfContent(title, head, [], paragraphs);
        var metadata = new DokumentMetadata(title, DateOnly.FromDateTime(now.DateTime), type, null, recipient is { Length: > 0 } ? recipient : null, Confidentiality.Internal,
            DokumentFileName.From(title, "Dokument", ".pdf"), "application/pdf");
        return new AddDokumentCommand(vorgang.Id, metadata, new MemoryStream(PdfWriter.Write(content))) { Text = content.ToPlainText() };
    }

    /// <summary>The header's template filled with the instance's variables ("" when the header is missing).</summary>
    private string Render(ServiceTaskContext context, string header, string failed)
    {
        var scope = FeelScope.From(context.Variables.Select(v => KeyValuePair.Create(v.Key, (object?)v.Value)));
        try
        {
            return TextTemplate.Parse(context.Headers.GetValueOrDefault(header) ?? "").Render(scope, new FeelEvaluationOptions { Clock = clock, TimeZone = BerlinTime.Zone });
        }
        catch (TemplateException error)
        {
            throw new ServiceTaskIncidentException($"{failed} {error.MessageGerman}", error);
        }
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
