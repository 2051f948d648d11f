using System.Xml.Linq;

namespace Amtsweg.Bpmn.Tests.Support;

/// <summary>
/// Compares two XML trees by meaning: the same expanded names, attributes (namespace declarations ignored,
/// since prefixes may move), non-whitespace text and child order. Comments count too.
/// </summary>
internal static class XmlEquivalence
{
    public static void AssertEquivalent(XElement expected, XElement actual)
    {
        var stack = new Stack<(XElement Expected, XElement Actual)>();
        stack.Push((expected, actual));
        while (stack.Count > 0)
        {
            var (e, a) = stack.Pop();
            var where = Describe(e);
            Assert.True(e.Name == a.Name, $"Element name differs at {where}: {e.Name} vs {a.Name}");
            Assert.Equal(Attributes(e), Attributes(a));
            Assert.True(Text(e) == Text(a), $"Text differs at {where}: '{Text(e)}' vs '{Text(a)}'");
            Assert.True(Comments(e).SequenceEqual(Comments(a)), $"Comments differ at {where}");
            var expectedChildren = e.Elements().ToList();
            var actualChildren = a.Elements().ToList();
            Assert.True(expectedChildren.Count == actualChildren.Count, $"Child count differs at {where}: {expectedChildren.Count} vs {actualChildren.Count}");
            for (var i = 0; i < expectedChildren.Count; i++)
            {
                stack.Push((expectedChildren[i], actualChildren[i]));
            }
        }
    }

    private static List<string> Attributes(XElement element) =>
        [.. element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => $"{a.Name}={a.Value}").Order(StringComparer.Ordinal)];

    private static string Text(XElement element) =>
        string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)).Trim();

    private static IEnumerable<string> Comments(XElement element) => element.Nodes().OfType<XComment>().Select(c => c.Value);

    private static string Describe(XElement element) =>
        $"{element.Name.LocalName} id={element.Attribute("id")?.Value ?? "-"} line {((System.Xml.IXmlLineInfo)element).LineNumber}";
}
