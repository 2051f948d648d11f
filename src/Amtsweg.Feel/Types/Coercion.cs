namespace Amtsweg.Feel;

/// <summary>The implicit conversions of DMN 1.5 (singleton lists and lists of one).</summary>
public static class Coercion
{
    /// <summary>
    /// Converts a value to a type where FEEL allows it implicitly: an instance stays; a list with one item becomes that
    /// item; an item becomes a list of one. Returns null (the CLR null) if no conversion applies.
    /// </summary>
    public static FeelValue? Coerce(FeelValue value, FeelType type)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        if (value.IsNull || type.IsInstance(value))
        {
            return value;
        }

        if (value is FeelList { Count: 1 } single && type.IsInstance(single[0]))
        {
            return single[0];
        }

        var asList = FeelList.Of(value);
        return type.IsInstance(asList) && value is not FeelList ? asList : null;
    }
}
