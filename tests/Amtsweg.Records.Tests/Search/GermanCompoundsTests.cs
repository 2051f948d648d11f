using Amtsweg.Records.Search;

namespace Amtsweg.Records.Tests.Search;

public sealed class GermanCompoundsTests
{
    [Theory]
    [InlineData("Hundesteuer", "Hund Steuer")]
    [InlineData("Gewerbeanmeldungen", "Gewerbe Anmeldung")]
    [InlineData("Straßenfest", "Straße Fest")]
    [InlineData("Strassenfest", "Straße Fest")]
    [InlineData("Geburtsurkunde", "Geburt Urkunde")]
    [InlineData("Bauanträge", "Bau Antrag")]
    [InlineData("Schulhof", "Schule Hof")]
    [InlineData("Personalausweise", "Personal Ausweis")]
    [InlineData("Feuerwehrhaus", "Feuerwehr Haus")]
    [InlineData("Grundsteuerbescheid", "Grund Steuer Bescheid")]
    public void Split_GivesTheStemsOfTheParts_OfACompound(string word, string parts)
    {
        Assert.Equal(GermanText.Terms(parts), GermanCompounds.Split(word.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("Anmeldung")]
    [InlineData("Rathaus")]
    [InlineData("festgestellt")]
    [InlineData("Bauer")]
    [InlineData("Einfamilienhaus")]
    [InlineData("Sonntag")]
    [InlineData("Müller")]
    public void Split_LeavesWordsWhole_ThatTheDictionaryDoesNotCover(string word)
    {
        Assert.Empty(GermanCompounds.Split(word.ToLowerInvariant()));
    }

    [Fact]
    public void IndexTerms_FollowEachWordWithItsParts_WhileTermsKeepCompoundsWhole()
    {
        Assert.Equal(["hundesteu", "hund", "steu"], GermanText.IndexTerms("Hundesteuer"));
        Assert.Equal(["hundesteu"], GermanText.Terms("Hundesteuer"));
    }
}
