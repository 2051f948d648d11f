using System.Runtime.CompilerServices;
using System.Text;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Bpmn.Tests.Support;
using Amtsweg.Bpmn.Validation;

namespace Amtsweg.Bpmn.Tests.Reading;

/// <summary>
/// Files as modelling tools export them: in windows-1252, ISO-8859-1 or UTF-16, and with a declaration that does not
/// match the bytes. Each test reads its own file (Diagrams/EncodingTests.&lt;Test&gt;.bpmn, bytes as written by the tool).
/// </summary>
public sealed class EncodingTests
{
    [Fact]
    public void Bug_Read_ReadsUmlauts_WhenFileIsWindows1252AsDeclared()
    {
        var definitions = Read();

        AssertNames(definitions, "„Antrag“ eingegangen");
        Assert.Empty(definitions.ReadWarnings);
    }

    [Fact]
    public void Read_ReadsUmlauts_WhenFileIsIso88591AsDeclared()
    {
        var definitions = Read();

        AssertNames(definitions, "«Antrag» eingegangen");
        Assert.Empty(definitions.ReadWarnings);
    }

    [Fact]
    public void Read_ReadsUmlauts_WhenFileIsUtf16WithByteOrderMark()
    {
        var definitions = Read();

        AssertNames(definitions, "„Antrag“ eingegangen");
        Assert.Empty(definitions.ReadWarnings);
    }

    [Fact]
    public void Bug_Read_ReadsAsWindows1252WithWarning_WhenUtf8IsDeclaredButBytesAreWindows1252()
    {
        var definitions = Read();

        AssertNames(definitions, "„Antrag“ eingegangen");
        var warning = Assert.Single(definitions.ReadWarnings);
        Assert.Equal((BpmnProblemCodes.EncodingNotAsDeclared, BpmnProblemSeverity.Warning), (warning.Code, warning.Severity));
        Assert.Contains("'UTF-8'", warning.MessageGerman, StringComparison.Ordinal);
        Assert.Contains("als windows-1252 gelesen", warning.MessageGerman, StringComparison.Ordinal);
        Assert.Contains("read as windows-1252", warning.MessageEnglish, StringComparison.Ordinal);
        Assert.Contains(BpmnValidator.Validate(definitions).Warnings, p => p.Code == BpmnProblemCodes.EncodingNotAsDeclared);
    }

    [Fact]
    public void Bug_Read_ReadsAsWindows1252WithWarning_WhenNothingIsDeclaredAndBytesAreNotUtf8()
    {
        var definitions = Read();

        AssertNames(definitions, "„Antrag“ eingegangen");
        var warning = Assert.Single(definitions.ReadWarnings);
        Assert.Equal(BpmnProblemCodes.EncodingNotAsDeclared, warning.Code);
        Assert.Contains("keine Kodierung", warning.MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void Bug_Read_FollowsByteOrderMark_WhenWindows1252IsDeclaredButBytesAreUtf8WithBom()
    {
        var definitions = Read();

        AssertNames(definitions, "„Antrag“ eingegangen");
        var warning = Assert.Single(definitions.ReadWarnings);
        Assert.Equal(BpmnProblemCodes.EncodingNotAsDeclared, warning.Code);
        Assert.Contains("Bytereihenfolgemarke von utf-8", warning.MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReadsAsUtf8WithWarning_WhenDeclaredEncodingIsUnknown()
    {
        var definitions = Read();

        AssertNames(definitions, "„Antrag“ eingegangen");
        var warning = Assert.Single(definitions.ReadWarnings);
        Assert.Contains("'x-werkzeug-eigen'", warning.MessageGerman, StringComparison.Ordinal);
        Assert.Contains("als utf-8 gelesen", warning.MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThrowsEncodingException_WhenUtf16BytesAreBroken()
    {
        // A byte order mark of UTF-16, then a high surrogate without its low half: no encoding the rule allows reads it.
        var bytes = Encoding.Unicode.GetPreamble()
            .Concat(Encoding.Unicode.GetBytes("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">"))
            .Concat(new byte[] { 0x00, 0xD8, 0x41, 0x00 })
            .Concat(Encoding.Unicode.GetBytes("</definitions>"))
            .ToArray();

        var error = Assert.Throws<BpmnModelException>(() => BpmnReader.Read(new MemoryStream(bytes)));

        Assert.Equal("BPMN-ENCODING", error.Code);
        Assert.Contains("utf-16", error.MessageGerman, StringComparison.Ordinal);
        Assert.StartsWith("Das Dokument kann nicht gelesen werden", error.MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeepsLineNumbers_WhenFileWasReadAsWindows1252()
    {
        var definitions = BpmnReader.Read(TestPaths.Diagram(nameof(EncodingTests), nameof(Bug_Read_ReadsAsWindows1252WithWarning_WhenUtf8IsDeclaredButBytesAreWindows1252)));

        Assert.Equal(5, definitions.FindElement("Pruefung")!.Line);
    }

    private static BpmnDefinitions Read([CallerMemberName] string test = "") =>
        BpmnReader.Read(TestPaths.Diagram(nameof(EncodingTests), test));

    private static void AssertNames(BpmnDefinitions definitions, string startName)
    {
        var process = Assert.Single(definitions.Processes);
        Assert.Equal("Bescheid über Gebühren", process.Name);
        Assert.Equal(startName, definitions.FindElement("Antrag")!.Name);
        Assert.Equal("Prüfung der Unterlagen", definitions.FindElement("Pruefung")!.Name);
        Assert.Equal("Bescheid über Straßenausbau versandt", definitions.FindElement("Ende")!.Name);
    }
}
