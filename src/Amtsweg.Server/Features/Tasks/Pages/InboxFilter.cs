using System.Text;
using Amtsweg.Data;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;

namespace Amtsweg.Server.Features.Tasks.Pages;

/// <summary>Which due dates the inbox shows (the query value <c>faellig</c>), on the Berlin calendar.</summary>
public enum DueFilter
{
    /// <summary>Due on an earlier day.</summary>
    Ueberfaellig,

    /// <summary>Due today.</summary>
    Heute,

    /// <summary>Due today or in the seven days after it.</summary>
    Woche,

    /// <summary>Without a due date.</summary>
    Ohne,
}

/// <summary>The inbox's order (the query value <c>sortierung</c>).</summary>
public enum InboxSort
{
    /// <summary>Due ones first (the default).</summary>
    Faelligkeit,

    /// <summary>The newest task first.</summary>
    Neueste,

    /// <summary>The oldest task first.</summary>
    Aelteste,
}

/// <summary>
/// The inbox's filter and sort order as its query string carries them (a GET form, so a link or a bookmark keeps them);
/// the engine evaluates them in the database. A saved filter (<see cref="SavedTaskFilter"/>) holds the same values.
/// </summary>
public sealed record InboxFilter
{
    /// <summary>The BPMN process id, or null for every process.</summary>
    public string? ProcessId { get; init; }

    /// <summary>The due-date filter, or null for every task.</summary>
    public DueFilter? Due { get; init; }

    /// <summary>True: only tasks whose follow-up date (Wiedervorlage) is today or earlier.</summary>
    public bool FollowUpReached { get; init; }

    /// <summary>Text searched in the task names and in the Aktenzeichen and subjects of the tasks' Vorgänge, or null.</summary>
    public string? Text { get; init; }

    /// <summary>The order.</summary>
    public InboxSort Sort { get; init; }

    /// <summary>True when nothing is filtered (the order may still differ from the default).</summary>
    public bool FiltersNothing => ProcessId is null && Due is null && !FollowUpReached && Text is null;

    /// <summary>True when neither filter nor order differ from the default.</summary>
    public bool IsDefault => FiltersNothing && Sort == InboxSort.Faelligkeit;

    /// <summary>The filter with blank values as null and the text trimmed.</summary>
    public static InboxFilter Of(string? processId, DueFilter? due, bool followUpReached, string? text, InboxSort sort) => new()
    {
        ProcessId = string.IsNullOrWhiteSpace(processId) ? null : processId.Trim(),
        Due = due is { } d && Enum.IsDefined(d) ? d : null,
        FollowUpReached = followUpReached,
        Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        Sort = Enum.IsDefined(sort) ? sort : InboxSort.Faelligkeit,
    };

    /// <summary>The filter a user saved; a value this version does not know any more is left out rather than failing.</summary>
    public static InboxFilter Of(SavedTaskFilter saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return Of(
            saved.ProcessId,
            Enum.TryParse<DueFilter>(saved.Due, out var due) ? due : null,
            saved.FollowUpReached,
            saved.Text,
            Enum.TryParse<InboxSort>(saved.Sort, out var sort) ? sort : InboxSort.Faelligkeit);
    }

    /// <summary>Writes the values into a saved filter.</summary>
    public void CopyTo(SavedTaskFilter saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        saved.ProcessId = ProcessId;
        saved.Due = Due?.ToString();
        saved.FollowUpReached = FollowUpReached;
        saved.Text = Text;
        saved.Sort = Sort == InboxSort.Faelligkeit ? null : Sort.ToString();
    }

    /// <summary>The filters and order added to the view's query; calendar days are Berlin's.</summary>
    public UserTaskPageQuery ApplyTo(UserTaskPageQuery query, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(query);
        var today = BerlinTime.Today(clock);
        query = query with
        {
            ProcessId = ProcessId,
            NameContains = Text,
            FollowUpBefore = FollowUpReached ? StartOf(today.AddDays(1)) : null,
            Sort = Sort switch
            {
                InboxSort.Faelligkeit => UserTaskSort.Due,
                InboxSort.Neueste => UserTaskSort.Newest,
                InboxSort.Aelteste => UserTaskSort.Oldest,
                _ => throw new ArgumentOutOfRangeException(nameof(query), Sort, "Unknown sort order."),
            },
        };
        return Due switch
        {
            null => query,
            DueFilter.Ueberfaellig => query with { DueBefore = StartOf(today) },
            DueFilter.Heute => query with { DueFrom = StartOf(today), DueBefore = StartOf(today.AddDays(1)) },
            DueFilter.Woche => query with { DueFrom = StartOf(today), DueBefore = StartOf(today.AddDays(8)) },
            DueFilter.Ohne => query with { WithoutDueDate = true },
            _ => throw new ArgumentOutOfRangeException(nameof(query), Due, "Unknown due filter."),
        };
    }

    /// <summary>The inbox's query string for this filter in <paramref name="view"/> (page 1 unless given), without the leading '?'.</summary>
    public string QueryString(InboxView view, int page = 1)
    {
        var query = new StringBuilder("ansicht=").Append(view);
        void Add(string name, string value) => query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        if (ProcessId is not null)
        {
            Add("prozess", ProcessId);
        }

        if (Due is { } due)
        {
            Add("faellig", due.ToString());
        }

        if (FollowUpReached)
        {
            Add("wiedervorlage", "true");
        }

        if (Text is not null)
        {
            Add("suche", Text);
        }

        if (Sort != InboxSort.Faelligkeit)
        {
            Add("sortierung", Sort.ToString());
        }

        if (page > 1)
        {
            Add("seite", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return query.ToString();
    }

    // Midnight in Berlin is never skipped nor repeated (the clocks change at 2 and 3 o'clock).
    private static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, BerlinTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
