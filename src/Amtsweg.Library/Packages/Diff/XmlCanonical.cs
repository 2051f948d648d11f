using System.Text;
using System.Xml.Linq;

namespace Amtsweg.Library.Packages.Diff;

/// <summary>
/// An XML element as a compact text that ignores what a modelling tool changes without meaning: namespace prefixes and
/// declarations, attribute order, whitespace around text and whitespace-only text.
/// </summary>
internal static class XmlCanonical
{
    public static string Of(XElement element)
    {
        var text = new StringBuilder();
        Append(text, element);
        return text.ToString();
    }

    /// <summary>The canonical text of every element in <paramref name="elements"/>, one per line in document order.</summary>
    public static string Of(IEnumerable<XElement> elements) => string.Join("\n", elements.Select(Of));

    private static void Append(StringBuilder text, XElement element)
    {
        text.Append(element.Name.LocalName);
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration).OrderBy(a => a.Name.LocalName, StringComparer.Ordinal).ThenBy(a => a.Name.NamespaceName, StringComparer.Ordinal))
        {
            text.Append(' ').Append(attribute.Name.LocalName).Append("=\"").Append(attribute.Value.Trim()).Append('"');
        }

        var first = true;
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XElement child:
                    text.Append(first ? " { " : "; ");
                    Append(text, child);
                    first = false;
                    break;
                case XText { Value: var value } when !string.IsNullOrWhiteSpace(value):
                    text.Append(first ? " { " : "; ").Append(value.Trim());
                    first = false;
                    break;
            }
        }

        if (!first)
        {
            text.Append(" }");
        }
    }
}
