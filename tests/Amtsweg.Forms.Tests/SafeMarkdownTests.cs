using Amtsweg.Forms.Rendering;

namespace Amtsweg.Forms.Tests;

public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("Hallo *Welt*", "<p>Hallo <em>Welt</em></p>")]
    [InlineData("**fett** und __auch__", "<p><strong>fett</strong> und <strong>auch</strong></p>")]
    [InlineData("snake_case_name bleibt", "<p>snake_case_name bleibt</p>")]
    [InlineData("- eins\n- zwei", "<ul><li>eins</li><li>zwei</li></ul>")]
    [InlineData("1. eins\n2. zwei", "<ol><li>eins</li><li>zwei</li></ol>")]
    [InlineData("Absatz 1\n\nAbsatz 2", "<p>Absatz 1</p><p>Absatz 2</p>")]
    [InlineData("## Titel", "<h3>Titel</h3>")]
    [InlineData("[Rathaus](https://example.org/a_b_c)", "<p><a href=\"https://example.org/a_b_c\">Rathaus</a></p>")]
    [InlineData("[Mail](mailto:amt@example.org)", "<p><a href=\"mailto:amt@example.org\">Mail</a></p>")]
    [InlineData("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>")]
    [InlineData("[x](javascript:alert)", "<p>x</p>")]
    [InlineData("[x](data:text/html,hi)", "<p>x</p>")]
    [InlineData("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")]
    [InlineData("[a\" onmouseover=\"x](https://e.org)", "<p><a href=\"https://e.org\">a&quot; onmouseover=&quot;x</a></p>")]
    [InlineData("`<b>*code*</b>`", "<p><code>&lt;b&gt;*code*&lt;/b&gt;</code></p>")]
    [InlineData("Größe & Maß", "<p>Größe &amp; Maß</p>")]
    public void ToHtml_RendersSafeSubset(string markdown, string expected)
    {
        Assert.Equal(expected, SafeMarkdown.ToHtml(markdown));
    }
}
