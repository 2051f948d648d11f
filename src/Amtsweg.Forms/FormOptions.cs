namespace Amtsweg.Forms;

/// <summary>Settings for rendering and validating forms.</summary>
public sealed record FormOptions
{
    /// <summary>The defaults: system clock, German time (Europe/Berlin).</summary>
    public static FormOptions Default { get; } = new();

    /// <summary>The clock for FEEL's <c>now()</c>/<c>today()</c> and for <c>disallowPassedDates</c>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The zone local dates and times are entered in.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Most characters of a single-line field without its own <c>maxLength</c>.</summary>
    public int MaxTextLength { get; init; } = 1_000;

    /// <summary>Most characters of a text area without its own <c>maxLength</c>.</summary>
    public int MaxTextAreaLength { get; init; } = 20_000;

    /// <summary>Most items of a dynamic list; more are refused (not cut off silently).</summary>
    public int MaxListItems { get; init; } = 200;
}
