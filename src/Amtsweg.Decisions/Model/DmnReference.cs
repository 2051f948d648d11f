namespace Amtsweg.Decisions.Model;

/// <summary>
/// A reference to a DRG element by <c>href</c>: <c>#id</c> for the same model, <c>namespace#id</c> for an imported one.
/// </summary>
/// <param name="Namespace">The namespace of the model that holds the element, or <see langword="null"/> for the same model.</param>
/// <param name="Id">The id of the element.</param>
public sealed record DmnReference(string? Namespace, string Id)
{
    /// <summary>Parses an <c>href</c> value.</summary>
    public static DmnReference Parse(string href)
    {
        ArgumentNullException.ThrowIfNull(href);
        var hash = href.LastIndexOf('#');
        if (hash < 0)
        {
            return new DmnReference(null, href.Trim());
        }

        var ns = href[..hash].Trim();
        return new DmnReference(ns.Length == 0 ? null : ns, href[(hash + 1)..].Trim());
    }

    /// <inheritdoc />
    public override string ToString() => Namespace is null ? "#" + Id : Namespace + "#" + Id;
}
