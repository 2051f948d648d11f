using System.Globalization;
using System.Runtime.CompilerServices;

namespace Amtsweg.Feel;

/// <summary>Thrown inside evaluation to stop it (limits, cancellation); never escapes a public entry point.</summary>
internal sealed class FeelLimitException(FeelMessage text) : Exception(text.English)
{
    public FeelMessage Text { get; } = text;
}

/// <summary>The mutable state of one evaluation: diagnostics, step and depth counters, options.</summary>
internal sealed class EvaluationContext(FeelEvaluationOptions options)
{
    private const int MaxWarnings = 100;

    // The evaluation running on this thread (evaluation is synchronous): value constructors charge it, so that every
    // string, list and context an evaluation creates counts against its limits, whichever function created it.
    [ThreadStatic]
    private static EvaluationContext? _current;

    private readonly List<FeelDiagnostic> _diagnostics = [];
    private readonly long _started = options.Clock.GetTimestamp();
    private long _allocated;
    private long _steps;
    private int _depth;
    private FeelDateTime? _now;

    public FeelEvaluationOptions Options { get; } = options;

    /// <summary>The current instant, read once per evaluation so that <c>now() = now()</c> holds.</summary>
    public FeelDateTime Now => _now ??= ReadNow();

    public void Warn(FeelMessage message)
    {
        if (_diagnostics.Count < MaxWarnings)
        {
            _diagnostics.Add(new FeelDiagnostic(FeelSeverity.Warning, message));
        }
    }

    public FeelValue Fail(FeelMessage message)
    {
        Warn(message);
        return FeelValue.Null;
    }

    public void Step()
    {
        if (++_steps > Options.MaxSteps)
        {
            throw new FeelLimitException(new FeelMessage("feel.step-limit", $"Evaluation stopped after {Options.MaxSteps} steps (step limit).", $"Die Auswertung wurde nach {Options.MaxSteps} Schritten abgebrochen (Schrittgrenze)."));
        }

        if ((_steps & 0x3FF) == 0)
        {
            if (Options.CancellationToken.IsCancellationRequested)
            {
                throw new FeelLimitException(new FeelMessage("feel.cancelled", "Evaluation was cancelled.", "Die Auswertung wurde abgebrochen."));
            }

            if (Options.Clock.GetElapsedTime(_started) > Options.Timeout)
            {
                throw new FeelLimitException(new FeelMessage("feel.time-limit", $"Evaluation stopped after {Options.Timeout.TotalSeconds:0.###} s (time limit).", $"Die Auswertung wurde nach {Options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.GetCultureInfo("de-DE"))} s abgebrochen (Zeitgrenze)."));
            }
        }
    }

    /// <summary>Counts a new string of <paramref name="length"/> characters against the running evaluation's limits.</summary>
    public static void ChargeString(int length)
    {
        if (_current is not { } context || length == 0)
        {
            return;
        }

        if (length > context.Options.MaxStringLength)
        {
            throw new FeelLimitException(new FeelMessage("feel.string-limit", $"A string of {length} characters exceeds the limit of {context.Options.MaxStringLength} characters.", $"Ein Text mit {length} Zeichen überschreitet die Grenze von {context.Options.MaxStringLength} Zeichen."));
        }

        context.Charge(2L * length);
    }

    /// <summary>Counts a new list or context of <paramref name="count"/> items against the running evaluation's limits.</summary>
    public static void ChargeItems(int count)
    {
        if (_current is not { } context || count == 0)
        {
            return;
        }

        if (count > context.Options.MaxListLength)
        {
            throw new FeelLimitException(new FeelMessage("feel.list-limit", $"A list of {count} items exceeds the limit of {context.Options.MaxListLength} items.", $"Eine Liste mit {count} Einträgen überschreitet die Grenze von {context.Options.MaxListLength} Einträgen."));
        }

        context.Charge(8L * count);
    }

    private void Charge(long bytes)
    {
        _allocated += bytes;
        if (_allocated > Options.MaxAllocatedBytes)
        {
            throw new FeelLimitException(new FeelMessage("feel.memory-limit", $"Evaluation created more than {Options.MaxAllocatedBytes / (1024 * 1024)} MB of values (memory limit).", $"Die Auswertung hat mehr als {Options.MaxAllocatedBytes / (1024 * 1024)} MB an Werten erzeugt (Speichergrenze)."));
        }
    }

    public void Enter(string functionName)
    {
        // The explicit counter gives a clear message; the stack probe guards hosts that run on small stacks.
        if (++_depth > Options.MaxCallDepth)
        {
            _depth--;
            throw new FeelLimitException(new FeelMessage("feel.call-depth-limit", $"Function call depth exceeded {Options.MaxCallDepth} in '{functionName}' (endless recursion?).", $"Mehr als {Options.MaxCallDepth} verschachtelte Aufrufe in '{functionName}' (endlose Rekursion?)."));
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw new FeelLimitException(new FeelMessage("feel.call-depth-limit", $"Function calls nested too deeply in '{functionName}' (stack limit).", $"Zu tief verschachtelte Aufrufe in '{functionName}' (Stapelgrenze)."));
        }
    }

    public void Exit() => _depth--;

    public void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new FeelLimitException(new FeelMessage("feel.nesting-limit", "Expression nested too deeply (stack limit).", "Der Ausdruck ist zu tief verschachtelt (Stapelgrenze)."));
        }
    }

    public FeelResult Run(Func<FeelValue> evaluate)
    {
        FeelValue value;
        var outer = _current;
        _current = this;
        try
        {
            value = evaluate() ?? FeelValue.Null;
        }
        catch (FeelLimitException e)
        {
            _diagnostics.Add(new FeelDiagnostic(FeelSeverity.Error, e.Text));
            value = FeelValue.Null;
        }
#pragma warning disable CA1031 // The public contract is "never throw": a failing host function becomes an error diagnostic.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            _diagnostics.Add(new FeelDiagnostic(FeelSeverity.Error, new FeelMessage("feel.failed", "Evaluation failed: " + e.Message, "Die Auswertung ist fehlgeschlagen: " + e.Message)));
            value = FeelValue.Null;
        }
        finally
        {
            _current = outer;
        }

        return new FeelResult(value, [.. _diagnostics]);
    }

    private FeelDateTime ReadNow()
    {
        var utc = Options.Clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(utc, Options.TimeZone);
        return FeelDateTime.From(local);
    }
}
