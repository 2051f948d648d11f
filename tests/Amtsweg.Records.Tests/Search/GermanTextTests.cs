using Amtsweg.Records.Search;

namespace Amtsweg.Records.Tests.Search;

public sealed class GermanTextTests
{
    [Theory]
    [InlineData("Anträge", "Antrag")]
    [InlineData("Straße", "strasse")]
    [InlineData("Müller", "Mueller")]
    [InlineData("Gebühren", "Gebühr")]
    [InlineData("Geburtsurkunden", "Geburtsurkunde")]
    public void Terms_AreEqual_ForGermanVariantsOfAWord(string one, string other)
    {
        Assert.Equal(GermanText.Terms(one), GermanText.Terms(other));
        Assert.Single(GermanText.Terms(one));
    }

    [Fact]
    public void Terms_DropStopWords()
    {
        Assert.Equal(GermanText.Terms("Antrag Garage"), GermanText.Terms("der Antrag für die Garage"));
    }

    // Regression (issue 10/17): a page break between two words was drawn as a box in the snippet and printed raw by the CLI.
    [Fact]
    public void Bug_Snippet_KeptFormFeedAndControlCharacters()
    {
        var snippet = GermanText.Snippet("Seite eins\f\u001b Antrag\tauf\r\nBaugenehmigung", new HashSet<string>(GermanText.Terms("antrag")));

        Assert.DoesNotContain(snippet, char.IsControl);
        Assert.Contains("eins   <mark>Antrag</mark> auf  Baugenehmigung", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Snippet_EncodesHtml_AndMarksMatches()
    {
        var snippet = GermanText.Snippet("<b>Anträge</b> & Straße", new HashSet<string>(GermanText.Terms("antrag strasse")));

        Assert.Equal("&lt;b&gt;<mark>Anträge</mark>&lt;/b&gt; &amp; <mark>Straße</mark>", snippet);
    }
}
