namespace Amtsweg.Feel;

/// <summary>A named, optionally typed function parameter.</summary>
/// <param name="Name">The parameter name, as used in named invocation (<c>f(amount: 10)</c>).</param>
/// <param name="Type">The declared type; arguments that do not conform make the call return null with a warning.</param>
public sealed record FeelParameter(string Name, FeelType? Type = null);

/// <summary>The body of a function: receives the call context and the arguments in parameter order.</summary>
public delegate FeelValue FeelFunctionBody(FeelCallContext context, IReadOnlyList<FeelValue> arguments);

/// <summary>One way to call a function: its parameters, how many are required, and its body.</summary>
public sealed class FeelSignature
{
    /// <summary>Creates a signature.</summary>
    /// <param name="parameters">The parameters in order.</param>
    /// <param name="body">The implementation.</param>
    /// <param name="requiredCount">How many leading parameters must be given (default: all).</param>
    /// <param name="variadic">True if the last parameter collects any number of further positional arguments.</param>
    /// <param name="returnType">The declared return type, if known.</param>
    public FeelSignature(IReadOnlyList<FeelParameter> parameters, FeelFunctionBody body, int? requiredCount = null, bool variadic = false, FeelType? returnType = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(body);
        Parameters = parameters;
        Body = body;
        RequiredCount = requiredCount ?? parameters.Count;
        IsVariadic = variadic;
        ReturnType = returnType;
    }

    /// <summary>The parameters in order.</summary>
    public IReadOnlyList<FeelParameter> Parameters { get; }

    /// <summary>How many leading parameters are required.</summary>
    public int RequiredCount { get; }

    /// <summary>True if the last parameter collects all further positional arguments into a list.</summary>
    public bool IsVariadic { get; }

    /// <summary>The declared return type, if any.</summary>
    public FeelType? ReturnType { get; }

    /// <summary>The implementation.</summary>
    public FeelFunctionBody Body { get; }
}

/// <summary>
/// A FEEL function value: a built-in, a user-defined FEEL function (<c>function(a, b) a + b</c>) or a host function
/// (e.g. a DMN business knowledge model) created with <see cref="Create(string, IReadOnlyList{string}, Func{IReadOnlyList{FeelValue}, FeelValue})"/>.
/// A function may have several signatures (overloads by parameter count or names).
/// </summary>
public sealed class FeelFunction : FeelValue
{
    /// <summary>Creates a function with one or more signatures.</summary>
    public FeelFunction(string name, IReadOnlyList<FeelSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(signatures);
        if (signatures.Count == 0)
        {
            throw new ArgumentException("A function needs at least one signature.", nameof(signatures));
        }

        Name = name;
        Signatures = signatures;
    }

    /// <summary>The name, for messages (<c>anonymous</c> for lambdas).</summary>
    public string Name { get; }

    /// <summary>The signatures.</summary>
    public IReadOnlyList<FeelSignature> Signatures { get; }

    /// <summary>The parameters of the first signature.</summary>
    public IReadOnlyList<FeelParameter> Parameters => Signatures[0].Parameters;

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Function;

    /// <summary>Creates a host function with untyped, required parameters from a plain delegate.</summary>
    public static FeelFunction Create(string name, IReadOnlyList<string> parameterNames, Func<IReadOnlyList<FeelValue>, FeelValue> body)
    {
        ArgumentNullException.ThrowIfNull(parameterNames);
        ArgumentNullException.ThrowIfNull(body);
        return new FeelFunction(name, [new FeelSignature([.. parameterNames.Select(static n => new FeelParameter(n))], (_, args) => body(args))]);
    }

    /// <summary>Creates a host function that can use the call context (warnings, calling other functions, the clock).</summary>
    public static FeelFunction Create(string name, IReadOnlyList<FeelParameter> parameters, FeelFunctionBody body, FeelType? returnType = null) =>
        new(name, [new FeelSignature(parameters, body, returnType: returnType)]);

    /// <summary>
    /// Calls the function outside of an expression, e.g. from a host. Never throws for FEEL errors: problems become null
    /// plus diagnostics in the result.
    /// </summary>
    public FeelResult Invoke(IReadOnlyList<FeelValue> arguments, FeelEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var context = new EvaluationContext(options ?? FeelEvaluationOptions.Default);
        return context.Run(() => Invocation.InvokePositional(context, this, arguments));
    }

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <inheritdoc />
    public override string ToFeelString() => "function " + Name + "(" + string.Join(", ", Parameters.Select(static p => p.Name)) + ")";
}

/// <summary>What a function body can use while it runs: warnings, calls of other functions, the clock.</summary>
public sealed class FeelCallContext
{
    internal FeelCallContext(EvaluationContext evaluation, string functionName)
    {
        Evaluation = evaluation;
        FunctionName = functionName;
    }

    /// <summary>The name of the function being called.</summary>
    public string FunctionName { get; }

    /// <summary>The clock of this evaluation.</summary>
    public TimeProvider Clock => Evaluation.Options.Clock;

    internal EvaluationContext Evaluation { get; }

    /// <summary>Records a warning (e.g. an argument of the wrong type) and returns null, for <c>return context.Fail(...)</c>.</summary>
    public FeelValue Fail(string message) => Fail(FeelMessage.FromHost(message));

    /// <summary>Records a warning in both languages and returns null.</summary>
    public FeelValue Fail(FeelMessage message)
    {
        Warn(message);
        return FeelValue.Null;
    }

    /// <summary>Records a warning.</summary>
    public void Warn(string message) => Warn(FeelMessage.FromHost(message));

    /// <summary>Records a warning in both languages, prefixed with the function's name.</summary>
    public void Warn(FeelMessage message) => Evaluation.Warn((message ?? throw new ArgumentNullException(nameof(message))).Prefixed(FunctionName + ": "));

    /// <summary>Calls a function value with positional arguments (counts against the call-depth limit).</summary>
    public FeelValue Invoke(FeelFunction function, IReadOnlyList<FeelValue> arguments) =>
        Invocation.InvokePositional(Evaluation, function, arguments);
}
