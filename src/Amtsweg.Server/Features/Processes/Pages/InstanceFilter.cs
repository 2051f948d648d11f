using System.Globalization;
using System.Text;
using Amtsweg.Data;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Features.Processes.ListInstances;
using Amtsweg.Server.Features.Shared;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// The filter of <c>/prozesse/instanzen</c> as its GET form carries it (a link or bookmark keeps it): process, state,
/// business key and the days started between (Berlin calendar, both days included). The engine filters in the database.
/// </summary>
public sealed record InstanceFilter
{
    /// <summary>The state value of running instances (with or without incident).</summary>
    public const string Running = "laufend";

    /// <summary>The state value of completed instances.</summary>
    public const string Completed = "abgeschlossen";

    /// <summary>The state value of cancelled instances.</summary>
    public const string Canceled = "abgebrochen";

    /// <summary>The state value of running instances with an open incident.</summary>
    public const string Failed = "stoerung";

    /// <summary>The state values in the order the form lists them.</summary>
    public static IReadOnlyList<string> States { get; } = [Running, Completed, Canceled, Failed];

    /// <summary>The longest business key the form accepts.</summary>
    public const int MaxBusinessKeyLength = 200;

    /// <summary>The BPMN process id, or null for every process.</summary>
    public string? ProcessId { get; init; }

    /// <summary>The version number of the process, or null for every version.</summary>
    public int? Version { get; init; }

    /// <summary>One of <see cref="States"/>, or null for every state.</summary>
    public string? State { get; init; }

    /// <summary>The exact business key, or null.</summary>
    public string? BusinessKey { get; init; }

    /// <summary>Started on this day or later (Berlin), or null.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Started on this day or earlier (Berlin), or null.</summary>
    public DateOnly? To { get; init; }

    /// <summary>True when nothing is filtered.</summary>
    public bool FiltersNothing => ProcessId is null && Version is null && State is null && BusinessKey is null && From is null && To is null;

    /// <summary>
    /// The filter from the form's raw values; a value that does not parse is left out and its German message recorded
    /// for its field (ids <c>prozess</c>, <c>version</c>, <c>zustand</c>, <c>schluessel</c>, <c>von</c>, <c>bis</c>).
    /// </summary>
    public static InstanceFilter Parse(string? processId, string? version, string? state, string? businessKey, string? from, string? to, PageErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        processId = Blank(processId);
        int? versionNumber = null;
        if (Blank(version) is { } versionText)
        {
            if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                errors.Add("version", "Bitte geben Sie die Version als ganze Zahl ab 1 an, z. B. 2.");
            }
            else if (processId is null)
            {
                errors.Add("version", "Eine Version gehört zu einem Prozess: Bitte wählen Sie auch den Prozess.");
            }
            else
            {
                versionNumber = number;
            }
        }

        state = Blank(state);
        if (state is not null && !States.Contains(state, StringComparer.Ordinal))
        {
            errors.Add("zustand", "Diesen Zustand gibt es nicht. Bitte wählen Sie einen aus der Liste.");
            state = null;
        }

        businessKey = Blank(businessKey);
        if (businessKey is { Length: > MaxBusinessKeyLength })
        {
            errors.Add("schluessel", $"Der Geschäftsschlüssel darf höchstens {MaxBusinessKeyLength} Zeichen lang sein.");
            businessKey = null;
        }

        var fromDay = Day(from, "von", "Bitte geben Sie das Datum „gestartet ab“ als Datum an, z. B. 01.11.2026.", errors);
        var toDay = Day(to, "bis", "Bitte geben Sie das Datum „gestartet bis“ als Datum an, z. B. 30.11.2026.", errors);
        if (fromDay > toDay)
        {
            errors.Add("bis", "Das Datum „gestartet bis“ darf nicht vor „gestartet ab“ liegen.");
            toDay = null;
        }

        return new InstanceFilter { ProcessId = processId, Version = versionNumber, State = state, BusinessKey = businessKey, From = fromDay, To = toDay };
    }

    /// <summary>The engine query of this filter for one page; the state goes through the same rule as the REST API's.</summary>
    public ProcessInstanceQuery ToQuery(int skip, int take)
    {
        var query = new ProcessInstanceQuery
        {
            ProcessId = ProcessId,
            Version = Version,
            BusinessKey = BusinessKey,
            StartedFrom = From is { } from ? StartOf(from) : null,
            StartedBefore = To is { } to ? StartOf(to.AddDays(1)) : null,
            Skip = skip,
            Take = take,
        };
        var name = State switch
        {
            null => null,
            Running => nameof(ProcessInstanceState.Active),
            Completed => nameof(ProcessInstanceState.Completed),
            Canceled => nameof(ProcessInstanceState.Canceled),
            Failed => "Incident",
            _ => throw new InvalidOperationException($"Unknown state filter {State}."),
        };
        return InstanceStateFilter.Apply(name, query, out var filtered) is { } refused
            ? throw new InvalidOperationException(refused)
            : filtered;
    }

    /// <summary>The list's address with this filter, on page <paramref name="page"/>.</summary>
    public string Url(int page = 1)
    {
        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add("prozess", ProcessId);
        Add("version", Version?.ToString(CultureInfo.InvariantCulture));
        Add("zustand", State);
        Add("schluessel", BusinessKey);
        Add("von", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("bis", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("seite", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return "/prozesse/instanzen" + query;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // The date input sends yyyy-MM-dd; a browser without one lets people type the German form.
    private static DateOnly? Day(string? value, string field, string message, PageErrors errors)
    {
        value = Blank(value);
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, ["yyyy-MM-dd", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(field, message);
        return null;
    }

    // Midnight in Berlin is never skipped nor repeated (the clocks change at 2 and 3 o'clock).
    private static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, BerlinTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
