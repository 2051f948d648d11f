using Amtsweg.Records.Model;

namespace Amtsweg.Records.Tests.Model;

public sealed class AktenzeichenPatternTests
{
    [Theory]
    [InlineData("{Position}-{Nummer:0000}/{Jahr}", "32.10-0042/2026")]
    [InlineData("{Position}-{laufende Nummer:0000}/{Jahr}", "32.10-0042/2026")]
    [InlineData("{Jahr}/{Position}/{Nummer}", "2026/32.10/42")]
    [InlineData("AZ {Position}.{Nummer:000}-{Jahr:00}", "AZ 32.10.042-2026")]
    public void Format_FillsPlaceholders_WhenPatternIsValid(string pattern, string expected)
    {
        Assert.Equal(expected, AktenzeichenPattern.Parse(pattern).Format("32.10", 2026, 42));
    }

    [Theory]
    [InlineData("{Position}-{Nummer}")]
    [InlineData("{Nummer}/{Jahr}")]
    [InlineData("{Position}-{Nummer}/{Jahr}-{Sachbearbeiter}")]
    [InlineData("{Position}-{Nummer}/{Jahr}}")]
    [InlineData("")]
    public void Parse_Throws_WhenPatternCannotGiveUniqueReferences(string pattern)
    {
        Assert.Throws<FormatException>(() => AktenzeichenPattern.Parse(pattern));
    }
}
