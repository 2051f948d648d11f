namespace Amtsweg.Casework.Tests;

public sealed class DokumentFileNameTests
{
    [Theory]
    [InlineData("Bescheid für Jürgen Weiß", "Bescheid für Jürgen Weiß.pdf")]
    [InlineData("Antrag 1/2026: Prüfung\tder \"Unterlagen\"", "Antrag 1-2026- Prüfung der -Unterlagen-.pdf")]
    [InlineData("  ..Zeile\neins\r\nzwei\u0007.  ", "Zeile eins zwei-.pdf")]
    [InlineData("../../etc/passwd", "-..-etc-passwd.pdf")]
    [InlineData(" . ", "Formulareingabe.pdf")]
    [InlineData(null, "Formulareingabe.pdf")]
    public void From_KeepsUmlautsAndSpaces_AndReplacesWhatFileSystemsRefuse(string? title, string expected)
    {
        Assert.Equal(expected, DokumentFileName.From(title, "Formulareingabe", ".pdf"));
    }

    [Fact]
    public void From_CutsLongTitles_AndKeepsSurrogatePairsWhole()
    {
        var name = DokumentFileName.From(new string('a', 119) + "😀" + new string('b', 50), "Dokument", ".pdf");

        Assert.Equal(new string('a', 119) + ".pdf", name);
    }
}
