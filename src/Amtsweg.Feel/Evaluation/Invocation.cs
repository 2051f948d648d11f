namespace Amtsweg.Feel;

/// <summary>Chooses a signature for a call, checks argument types and runs the body within the call-depth limit.</summary>
internal static class Invocation
{
    public static FeelValue InvokePositional(EvaluationContext context, FeelFunction function, IReadOnlyList<FeelValue> arguments)
    {
        foreach (var signature in function.Signatures)
        {
            var count = signature.Parameters.Count;
            if (arguments.Count >= signature.RequiredCount && (arguments.Count <= count || signature.IsVariadic))
            {
                return Call(context, function, signature, arguments);
            }
        }

        return context.Fail(new FeelMessage("feel.function-signature", $"{function.Name}: no signature takes {arguments.Count} argument(s).", $"{function.Name}: keine Form der Funktion nimmt {arguments.Count} Argument(e)."));
    }

    public static FeelValue InvokeNamed(EvaluationContext context, FeelFunction function, IReadOnlyList<KeyValuePair<string, FeelValue>> arguments)
    {
        foreach (var signature in function.Signatures)
        {
            var names = signature.Parameters.Select(static p => p.Name).ToList();
            if (!arguments.All(a => names.Contains(a.Key)))
            {
                continue;
            }

            // A signature with optional parameters (a built-in overload) needs its required ones named; a function
            // whose parameters are all required (user-defined, host) gets null for any it was not given.
            var hasOptional = signature.RequiredCount < names.Count;
            var values = new FeelValue[names.Count];
            var last = -1;
            var missingRequired = false;
            for (var i = 0; i < names.Count; i++)
            {
                var found = arguments.FirstOrDefault(a => a.Key == names[i]);
                if (found.Key is not null)
                {
                    values[i] = found.Value;
                    last = i;
                }
                else
                {
                    values[i] = FeelValue.Null;
                    missingRequired |= hasOptional && i < signature.RequiredCount;
                }
            }

            if (missingRequired)
            {
                continue;
            }

            // Optional parameters that were not named are left out, so the body sees the shorter form.
            var length = Math.Max(last + 1, signature.RequiredCount);
            return Call(context, function, signature, values[..length]);
        }

        return context.Fail(new FeelMessage("feel.function-signature", $"{function.Name}: no signature has the parameters {string.Join(", ", arguments.Select(static a => a.Key))}.", $"{function.Name}: keine Form der Funktion hat die Parameter {string.Join(", ", arguments.Select(static a => a.Key))}."));
    }

    private static FeelValue Call(EvaluationContext context, FeelFunction function, FeelSignature signature, IReadOnlyList<FeelValue> arguments)
    {
        FeelValue[]? copy = null;
        for (var i = 0; i < signature.Parameters.Count && i < arguments.Count; i++)
        {
            if (signature.Parameters[i].Type is not { } type || arguments[i].IsNull || type.IsInstance(arguments[i]))
            {
                continue;
            }

            var coerced = Coercion.Coerce(arguments[i], type);
            if (coerced is null)
            {
                return context.Fail(new FeelMessage("feel.function-argument", $"{function.Name}: argument '{signature.Parameters[i].Name}' is not a {type.Name}.", $"{function.Name}: das Argument '{signature.Parameters[i].Name}' ist kein Wert vom Typ {type.Name}."));
            }

            copy ??= [.. arguments];
            copy[i] = coerced;
        }

        var args = copy ?? arguments;

        context.Enter(function.Name);
        try
        {
            return signature.Body(new FeelCallContext(context, function.Name), args) ?? FeelValue.Null;
        }
        catch (OverflowException)
        {
            return context.Fail(new FeelMessage("feel.out-of-range", $"{function.Name}: the result is outside the range of FEEL numbers, dates or durations.", $"{function.Name}: das Ergebnis liegt außerhalb des Bereichs der FEEL-Zahlen, -Daten oder -Dauern."));
        }
        finally
        {
            context.Exit();
        }
    }
}
