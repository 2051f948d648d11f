namespace Amtsweg.Feel;

/// <summary>
/// A FEEL type (DMN 1.5) as used by <c>instance of</c>, typed function parameters and type references.
/// Built-in types are static members; hosts may derive their own (e.g. DMN item definitions with allowed values)
/// and hand them to the parser through <see cref="FeelParseOptions.TypeResolver"/>.
/// </summary>
public abstract class FeelType
{
    /// <summary>The type <c>Any</c>: every value except null.</summary>
    public static FeelType Any { get; } = new AnyType();

    /// <summary>The type <c>Null</c>: only null.</summary>
    public static FeelType Null { get; } = new KindType("Null", FeelValueKind.Null);

    /// <summary>The type <c>number</c>.</summary>
    public static FeelType Number { get; } = new KindType("number", FeelValueKind.Number);

    /// <summary>The type <c>string</c>.</summary>
    public static FeelType String { get; } = new KindType("string", FeelValueKind.String);

    /// <summary>The type <c>boolean</c>.</summary>
    public static FeelType Boolean { get; } = new KindType("boolean", FeelValueKind.Boolean);

    /// <summary>The type <c>date</c>.</summary>
    public static FeelType Date { get; } = new KindType("date", FeelValueKind.Date);

    /// <summary>The type <c>time</c>.</summary>
    public static FeelType Time { get; } = new KindType("time", FeelValueKind.Time);

    /// <summary>The type <c>date and time</c>.</summary>
    public static FeelType DateTime { get; } = new KindType("date and time", FeelValueKind.DateTime);

    /// <summary>The type <c>days and time duration</c>.</summary>
    public static FeelType DaysTimeDuration { get; } = new KindType("days and time duration", FeelValueKind.DaysTimeDuration);

    /// <summary>The type <c>years and months duration</c>.</summary>
    public static FeelType YearsMonthsDuration { get; } = new KindType("years and months duration", FeelValueKind.YearsMonthsDuration);

    /// <summary>The name as written in FEEL, e.g. <c>list&lt;number&gt;</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The built-in type names (simple types), as they may be written in FEEL.</summary>
    public static IReadOnlyDictionary<string, FeelType> BuiltIn { get; } = new Dictionary<string, FeelType>(StringComparer.Ordinal)
    {
        ["Any"] = Any,
        ["Null"] = Null,
        ["number"] = Number,
        ["string"] = String,
        ["boolean"] = Boolean,
        ["date"] = Date,
        ["time"] = Time,
        ["date and time"] = DateTime,
        ["dateTime"] = DateTime,
        ["days and time duration"] = DaysTimeDuration,
        ["dayTimeDuration"] = DaysTimeDuration,
        ["years and months duration"] = YearsMonthsDuration,
        ["yearMonthDuration"] = YearsMonthsDuration,
        ["list"] = new ListType(Any),
        ["context"] = new ContextType([]),
        ["range"] = new RangeType(Any),
        ["function"] = new FunctionType(null, Any),
    };

    /// <summary><c>list&lt;T&gt;</c>.</summary>
    public static FeelType List(FeelType itemType) => new ListType(itemType);

    /// <summary><c>range&lt;T&gt;</c>.</summary>
    public static FeelType Range(FeelType pointType) => new RangeType(pointType);

    /// <summary><c>context&lt;name: T, ...&gt;</c>; a context with more entries still conforms.</summary>
    public static FeelType Context(IEnumerable<KeyValuePair<string, FeelType>> entries) => new ContextType([.. entries]);

    /// <summary><c>function&lt;T1, ...&gt; -&gt; R</c>.</summary>
    public static FeelType Function(IEnumerable<FeelType> parameterTypes, FeelType returnType) => new FunctionType([.. parameterTypes], returnType);

    /// <summary>True if the value is an instance of this type (FEEL <c>instance of</c>).</summary>
    public abstract bool IsInstance(FeelValue value);

    /// <summary>True if every instance of this type is an instance of <paramref name="other"/> (type conformance).</summary>
    public virtual bool ConformsTo(FeelType other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(this, other) || other is AnyType || (other.Name == Name && other.GetType() == GetType());
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private sealed class AnyType : FeelType
    {
        public override string Name => "Any";

        public override bool IsInstance(FeelValue value) => value is not null && !value.IsNull;
    }

    private sealed class KindType(string name, FeelValueKind kind) : FeelType
    {
        public override string Name { get; } = name;

        public override bool IsInstance(FeelValue value) => value is not null && value.Kind == kind;

        public override bool ConformsTo(FeelType other) =>
            other is AnyType || (other is KindType k && k.Name == Name) || (kind == FeelValueKind.Null);
    }

    private sealed class ListType(FeelType item) : FeelType
    {
        public FeelType Item { get; } = item;

        public override string Name => "list<" + Item.Name + ">";

        public override bool IsInstance(FeelValue value) =>
            value is FeelList list && list.Items.All(i => i.IsNull || Item.IsInstance(i));

        public override bool ConformsTo(FeelType other) =>
            other is AnyType || (other is ListType l && Item.ConformsTo(l.Item));
    }

    private sealed class RangeType(FeelType point) : FeelType
    {
        public FeelType Point { get; } = point;

        public override string Name => "range<" + Point.Name + ">";

        public override bool IsInstance(FeelValue value) =>
            value is FeelRange r && (r.Start is null or FeelNull || Point.IsInstance(r.Start)) && (r.End is null or FeelNull || Point.IsInstance(r.End));

        public override bool ConformsTo(FeelType other) =>
            other is AnyType || (other is RangeType r && Point.ConformsTo(r.Point));
    }

    private sealed class ContextType(KeyValuePair<string, FeelType>[] entries) : FeelType
    {
        public IReadOnlyList<KeyValuePair<string, FeelType>> Entries { get; } = entries;

        public override string Name => "context<" + string.Join(", ", Entries.Select(e => e.Key + ": " + e.Value.Name)) + ">";

        public override bool IsInstance(FeelValue value) =>
            value is FeelContext c && Entries.All(e => c.TryGetValue(e.Key, out var v) && (v.IsNull || e.Value.IsInstance(v)));

        public override bool ConformsTo(FeelType other) =>
            other is AnyType ||
            (other is ContextType c && c.Entries.All(e => Entries.Any(m => m.Key == e.Key && m.Value.ConformsTo(e.Value))));
    }

    private sealed class FunctionType(FeelType[]? parameters, FeelType result) : FeelType
    {
        public IReadOnlyList<FeelType>? Parameters { get; } = parameters;

        public FeelType Result { get; } = result;

        public override string Name => Parameters is null
            ? "function"
            : "function<" + string.Join(", ", Parameters.Select(p => p.Name)) + "> -> " + Result.Name;

        public override bool IsInstance(FeelValue value)
        {
            if (value is not FeelFunction f)
            {
                return false;
            }

            if (Parameters is null)
            {
                return true;
            }

            return f.Signatures.Any(s =>
                s.Parameters.Count == Parameters.Count &&
                s.Parameters.Select((p, i) => Parameters[i].ConformsTo(p.Type ?? Any)).All(static ok => ok) &&
                (s.ReturnType ?? Any).ConformsTo(Result));
        }

        public override bool ConformsTo(FeelType other) =>
            other is AnyType ||
            (other is FunctionType f && (f.Parameters is null ||
                (Parameters is not null && Parameters.Count == f.Parameters.Count &&
                 f.Parameters.Select((p, i) => p.ConformsTo(Parameters[i])).All(static ok => ok) && Result.ConformsTo(f.Result))));
    }
}
