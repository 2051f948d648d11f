using Amtsweg.Casework;
using Amtsweg.Data;
using Amtsweg.Documents;
using Amtsweg.Engine;
using Amtsweg.Feel;
using Amtsweg.Integration.Mail;
using Amtsweg.Records;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Features.Administration.Mail;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Mail;

/// <summary>
/// The built-in job type <c>amtsweg:email</c> (issue 15.2): a service task sends an e-mail through the municipality's
/// mail server (<c>/verwaltung/e-mail</c>) and records it as a Vermerk in the instance's Vorgang. Headers, each a text
/// with placeholders <c>{{ FEEL }}</c> over the instance's variables: <c>empfaenger</c> (the address), <c>betreff</c>
/// (the Aktenzeichen is appended when missing), <c>nachricht</c> (the text); optional <c>anhang</c>, the name of a
/// variable holding the id of a document of the Vorgang (as <c>amtsweg:dokument-erzeugen</c> sets it with
/// <c>ergebnisvariable</c>), whose latest version is attached. An unreachable server or a temporary refusal fails the
/// attempt, so the engine's retries and then an incident apply; wrong credentials, a refused address, a missing
/// Vorgang, settings or document stop the job with an incident at once. The Vermerk is written in the job's own
/// transaction, after the server accepted the message.
/// </summary>
internal sealed class EmailTaskHandler(
    ProcessVorgang processVorgang,
    RecordsCommandExecutor executor,
    RecordsDbContext records,
    BlobStore blobs,
    UnitOfWork unitOfWork,
    MailAdministration mail,
    MailSender sender,
    TimeProvider clock) : IServiceTaskHandler
{
    /// <summary>The job type (<c>zeebe:taskDefinition type</c>).</summary>
    public const string Type = "amtsweg:email";

    private const string Failed = "Die E-Mail kann nicht gesendet werden:";

    public string JobType => Type;

    public IEnumerable<ServiceTaskProblem> Validate(IReadOnlyDictionary<string, string> headers)
    {
        foreach (var required in new[] { "empfaenger", "betreff", "nachricht" })
        {
            if (string.IsNullOrWhiteSpace(headers.GetValueOrDefault(required)))
            {
                yield return new ServiceTaskProblem(
                    $"Der E-Mail-Versand braucht den Header „{required}“ (zeebe:taskHeaders).",
                    $"Sending e-mail needs the header '{required}' (zeebe:taskHeaders).");
            }
            else if (Check(headers[required]) is { } error)
            {
                yield return new ServiceTaskProblem($"Header „{required}“: {error.MessageGerman}", $"Header '{required}': {error.MessageEnglish}");
            }
        }

        if (headers.GetValueOrDefault("anhang") is { } attachment && !IsVariableName(attachment.Trim()))
        {
            yield return new ServiceTaskProblem(
                "Der Header „anhang“ nennt den Namen einer Prozessvariable mit der Kennung eines Dokuments, z. B. bescheid.",
                "The header 'anhang' names a process variable holding a document's id, e.g. bescheid.");
        }
    }

    public async Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vorgang = await processVorgang.FindAsync(context, cancellationToken)
            ?? throw new ServiceTaskIncidentException($"{Failed} Der Prozess ist keinem Vorgang zugeordnet.");
        var address = Render(context, "empfaenger").Trim();
        if (!MailLimits.IsAddress(address))
        {
            throw new ServiceTaskIncidentException($"{Failed} „{address}“ (Header „empfaenger“) ist keine gültige E-Mail-Adresse.");
        }

        var subject = Render(context, "betreff").Trim();
        if (!subject.Contains(vorgang.Aktenzeichen, StringComparison.Ordinal))
        {
            subject = $"{subject} (Az. {vorgang.Aktenzeichen})";
        }

        var body = Render(context, "nachricht");
        var (server, settingsError) = await mail.ServerAsync(cancellationToken);
        if (server is null)
        {
            throw new ServiceTaskIncidentException($"{Failed} {settingsError}");
        }

        var attachments = new List<MailAttachment>();
        string? attached = null;
        if (context.Headers.GetValueOrDefault("anhang") is { } variable)
        {
            var (attachment, description) = await AttachmentAsync(context, variable.Trim(), vorgang.Id, cancellationToken);
            attachments.Add(attachment);
            attached = description;
        }

        MailSendResult sent;
        try
        {
            sent = await sender.SendAsync(server, new OutgoingMail(address, null, subject, body, attachments), cancellationToken);
        }
        catch (MailSendException error) when (!error.IsTransient)
        {
            throw new ServiceTaskIncidentException($"{Failed} {error.Message}", error);
        }
        catch (MailSendException error)
        {
            // May pass later: the attempt fails, the engine's retries apply, then an incident with this message.
            throw new InvalidOperationException($"{Failed} {error.Message}", error);
        }

        var note = $"E-Mail gesendet\nAn: {address}\nBetreff: {subject}\nAnhang: {attached ?? "keiner"}\nAntwort des Mailservers: {sent.ServerAnswer}";
        try
        {
            var transaction = await context.BeginTransactionAsync(cancellationToken);
            await using var work = await unitOfWork.JoinAsync(transaction, [RecordsServiceCollectionExtensions.Module], cancellationToken);
            await executor.ExecuteAsync(new AddVermerkCommand(vorgang.Id, note), $"Prozess {context.ProcessInstanceId:D}", cancellationToken);
        }
        catch (RecordsException error)
        {
            throw new ServiceTaskIncidentException($"Die E-Mail an {address} ist gesendet, kann aber nicht im Vorgang vermerkt werden: {error.Message}", error);
        }

        return new Dictionary<string, object?>();
    }

    /// <summary>The latest version of the document whose id the variable holds, if it is in the Vorgang and not restricted.</summary>
    private async Task<(MailAttachment Attachment, string Description)> AttachmentAsync(ServiceTaskContext context, string variable, Guid vorgangId, CancellationToken cancellationToken)
    {
        var value = context.Variables.GetValueOrDefault(variable);
        if (value is not System.Text.Json.Nodes.JsonValue json || !json.TryGetValue<string>(out var text) || !Guid.TryParse(text, out var dokumentId))
        {
            throw new ServiceTaskIncidentException($"{Failed} Die Prozessvariable „{variable}“ (Header „anhang“) enthält keine Dokumentkennung.");
        }

        var version = await records.DokumentVersionen.AsNoTracking()
            .Where(v => v.DokumentId == dokumentId && records.Dokumente.Any(d => d.Id == dokumentId && d.VorgangId == vorgangId))
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ServiceTaskIncidentException($"{Failed} Das Dokument aus der Prozessvariable „{variable}“ gibt es im Vorgang nicht.");
        if (await records.Restrictions.AnyAsync(r => r.SubjectId == dokumentId, cancellationToken))
        {
            throw new ServiceTaskIncidentException($"{Failed} Das Dokument „{version.Title}“ ist nach Art. 18 DSGVO eingeschränkt und wird nicht versandt.");
        }

        await using var stream = blobs.Open(version.ContentHash);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return (new MailAttachment(version.FileName, version.MediaType, buffer.ToArray()), $"{version.Title} ({version.FileName}, Version {version.Number})");
    }

    private string Render(ServiceTaskContext context, string header)
    {
        var scope = FeelScope.From(context.Variables.Select(v => KeyValuePair.Create(v.Key, (object?)v.Value)));
        try
        {
            return TextTemplate.Parse(context.Headers.GetValueOrDefault(header) ?? "").Render(scope, new FeelEvaluationOptions { Clock = clock, TimeZone = BerlinTime.Zone });
        }
        catch (TemplateException error)
        {
            throw new ServiceTaskIncidentException($"{Failed} {error.MessageGerman} (Header „{header}“)", error);
        }
    }

    private static bool IsVariableName(string name) =>
        name.Length is > 0 and <= 100 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

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
