using System.Text.Json.Nodes;
using Amtsweg.Data;
using Amtsweg.Documents;
using Amtsweg.Engine;
using Amtsweg.Engine.Simulation.Scenarios;
using Amtsweg.Feel;

namespace Amtsweg.Library.Packages;

/// <summary>
/// Writes the letters of a scenario's run (<see cref="IScenarioLetterWriter"/>): a task of the job type
/// <c>amtsweg:dokument-erzeugen</c> with the header <c>brief</c> renders that letter template as the server's letter
/// task does — the fields from the variables of the same names, the recipient from the header <c>empfaenger</c>, the
/// same context — on a sample letterhead, and fails with the server's incident when a value is missing. A plain document
/// (headers <c>titel</c> and <c>vorlage</c>) is no letter and is not written. The Aktenzeichen is the instance's variable
/// <c>aktenzeichen</c> if it has one.
/// </summary>
public sealed class ScenarioLetters(IReadOnlyDictionary<string, LetterTemplate> templates) : IScenarioLetterWriter
{
    /// <summary>Who writes in a scenario.</summary>
    public static readonly Letterhead SampleLetterhead = new("Gemeinde Musterstadt")
    {
        Address = ["Rathausplatz 1", "12345 Musterstadt"],
        Phone = "01234 5678-0",
        Email = "rathaus@musterstadt.example",
    };

    /// <summary>The Aktenzeichen of a scenario without the variable <c>aktenzeichen</c>.</summary>
    public const string SampleAktenzeichen = "000.00/0001";

    private readonly List<WrittenLetter> _written = [];

    public string JobType => PackageValidator.LetterJobType;

    public IReadOnlyList<WrittenLetter> Written => _written;

    public Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Headers.GetValueOrDefault("brief")?.Trim() is not { Length: > 0 } key)
        {
            return Task.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?>());
        }

        var template = templates.GetValueOrDefault(key) ?? LetterTemplate.Find(key)
            ?? throw new ServiceTaskIncidentException($"Das Schreiben kann nicht erzeugt werden: Die Briefvorlage „{key}“ gibt es nicht.");
        var failed = $"Das Schreiben „{template.Name}“ kann nicht erzeugt werden:";
        var clock = new FixedClock(context.Now);
        var options = new FeelEvaluationOptions { Clock = clock, TimeZone = BerlinTime.Zone };
        try
        {
            var values = LetterComposer.ValuesFromVariables(template, context.Variables);
            var scope = FeelScope.From(context.Variables.Select(v => KeyValuePair.Create(v.Key, (object?)v.Value)));
            var recipient = LetterComposer.AddressLines(TextTemplate.Parse(context.Headers.GetValueOrDefault("empfaenger") ?? "").Render(scope, options));
            if (recipient.Count == 0)
            {
                throw new ServiceTaskIncidentException($"{failed} Die Anschrift des Empfängers (Header „empfaenger“) ist leer.");
            }

            var aktenzeichen = context.Variables.GetValueOrDefault("aktenzeichen") is JsonValue value && value.TryGetValue<string>(out var text) ? text : SampleAktenzeichen;
            var today = BerlinTime.Date(context.Now);
            var setting = new LetterSetting(aktenzeichen, template.Name, recipient, SampleLetterhead, today)
            {
                ContactPhone = SampleLetterhead.Phone,
                ContactEmail = SampleLetterhead.Email,
            };
            var letter = LetterComposer.Compose(template, values, setting, clock, BerlinTime.Zone);
            _written.Add(new WrittenLetter(context.ElementId, key, template.Name, letter.Subject, $"{letter.Salutation}\n{letter.Body}\n{letter.Closing}"));
        }
        catch (TemplateException error)
        {
            throw new ServiceTaskIncidentException($"{failed} {error.MessageGerman}", error);
        }

        return Task.FromResult<IReadOnlyDictionary<string, object?>>(context.Headers.GetValueOrDefault("ergebnisvariable")?.Trim() is { Length: > 0 } variable
            ? new Dictionary<string, object?> { [variable] = $"brief-{_written.Count}" }
            : new Dictionary<string, object?>());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
