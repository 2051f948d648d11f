using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.Extensions.Configuration;

namespace Amtsweg.Server.Tests.Operations;

/// <summary>Issue 16.1: the official municipality code list of Destatis, read safely into a lookup.</summary>
public sealed class MunicipalityDirectoryTests : IDisposable
{
    private static readonly string OfficialList = Path.Combine(
        TestPaths.Shared, "standards", "codelists", "urn_de_bund_destatis_bevoelkerungsstatistik_schluessel_ags_2026-06-30.xml");

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("amtsweg-gemeindeverzeichnis-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Read_GivesEveryMunicipality_AndMarksTheDistrictsOfTheStadtstaaten()
    {
        var directory = MunicipalityDirectory.Read(OfficialList);

        Assert.Equal(11_227, directory.Count);
        Assert.Equal(11_227 - 283, directory.MunicipalityCount);
        Assert.Equal(("2026-06-30", "30.06.2026"), (directory.Version, directory.VersionDisplay));
        Assert.Equal(new MunicipalityDirectoryEntry("01001000", "Flensburg, Stadt", FederalState.SchleswigHolstein, false), directory.Find("01001000"));
        Assert.Equal(new MunicipalityDirectoryEntry("11001001", "Mitte", FederalState.Berlin, true), directory.Find("11001001"));
        Assert.False(directory.Find("11000000")!.IsDistrict);
        Assert.Null(directory.Find(DemoMunicipalityAgs));
    }

    [Fact]
    public void Read_RefusesADocumentTypeDeclaration()
    {
        var path = Write("""
            <?xml version="1.0"?>
            <!DOCTYPE gc:CodeList [ <!ENTITY x "y"> ]>
            <gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"/>
            """);

        var error = Assert.Throws<MunicipalityDirectoryException>(() => MunicipalityDirectory.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("ist kein lesbares XML: For security reasons DTD is prohibited", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesARowWithoutAValidKey_NamingItsLine()
    {
        var path = Write("""
            <?xml version="1.0"?>
            <gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/">
              <Identification><Version>2027-01-01</Version></Identification>
              <SimpleCodeList>
                <Row><Value ColumnRef="SCHLUESSEL"><SimpleValue>01001000</SimpleValue></Value><Value ColumnRef="Bezeichnung"><SimpleValue>Flensburg, Stadt</SimpleValue></Value></Row>
                <Row><Value ColumnRef="SCHLUESSEL"><SimpleValue>0100100</SimpleValue></Value><Value ColumnRef="Bezeichnung"><SimpleValue>Kaputt</SimpleValue></Value></Row>
              </SimpleCodeList>
            </gc:CodeList>
            """);

        var error = Assert.Throws<MunicipalityDirectoryException>(() => MunicipalityDirectory.Read(path));

        Assert.Contains("Zeile 6", error.Message, StringComparison.Ordinal);
        Assert.Contains("8 Ziffern", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_FindsTheListNextToTheRepository_WhenNothingIsConfigured()
    {
        var source = Source(null);

        Assert.Equal(Path.GetFullPath(OfficialList), source.Path);
        Assert.NotNull(source.TryGet(out var unavailable));
        Assert.Null(unavailable);
    }

    [Fact]
    public void Check_TakesTheOfficialName_OrTheOperatorsDisplayName()
    {
        var source = Source(OfficialList);

        Assert.Equal(new DirectoryCheck("Flensburg, Stadt", null, null), source.Check("01001000", " ", isTest: false));
        Assert.Equal(new DirectoryCheck("Flensburg", null, null), source.Check("01001000", " Flensburg ", isTest: false));
    }

    [Fact]
    public void Check_RefusesAnAgsThatIsNotInTheList_UnlessATestMunicipality()
    {
        var source = Source(OfficialList);

        var refused = source.Check("01001999", "Nirgendwo", isTest: false);
        var test = source.Check("01001999", "Schulungsdorf", isTest: true);

        Assert.Equal("ags-unknown", refused.ErrorCode);
        Assert.StartsWith("Der AGS 01001999 steht nicht im Gemeindeverzeichnis (Stand 30.06.2026).", refused.Error, StringComparison.Ordinal);
        Assert.Equal(new DirectoryCheck("Schulungsdorf", null, null), test);
    }

    [Fact]
    public void Check_RefusesADistrict_AndNamesItsCity()
    {
        var source = Source(OfficialList);

        var berlin = source.Check("11001001", null, isTest: false);
        var bremen = source.Check("04011111", null, isTest: false);

        Assert.Equal("ags-district", berlin.ErrorCode);
        Assert.Contains("„Mitte“, einen Stadt-/Ortsteil bzw. Stadtbezirk, keine Gemeinde", berlin.Error, StringComparison.Ordinal);
        Assert.Contains("„Berlin, Stadt“, AGS 11000000", berlin.Error, StringComparison.Ordinal);
        Assert.Contains("„Bremen, Stadt“, AGS 04011000", bremen.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RefusesATestMunicipality_WithAnOfficialAgs_OrWithoutName()
    {
        var source = Source(OfficialList);

        var official = source.Check("01001000", "Spielwiese", isTest: true);
        var nameless = source.Check("01001999", " ", isTest: true);

        Assert.Equal("ags-official", official.ErrorCode);
        Assert.Contains("„Flensburg, Stadt“", official.Error, StringComparison.Ordinal);
        Assert.Equal("name-invalid", nameless.ErrorCode);
    }

    [Fact]
    public void Check_AllowsOnlyTestMunicipalities_WhenTheListIsNotFound()
    {
        var missing = Path.Combine(_folder.FullName, "fehlt.xml");
        var source = Source(missing);

        var real = source.Check("01001000", null, isTest: false);
        var test = source.Check("09999998", "Schulungsstadt", isTest: true);

        Assert.Equal("directory-missing", real.ErrorCode);
        Assert.Equal($"Das Gemeindeverzeichnis {missing} (Einstellung Amtsweg:Gemeindeverzeichnis:Datei) wurde nicht gefunden. Deshalb können nur Testgemeinden angelegt werden.", real.Error);
        Assert.Equal(new DirectoryCheck("Schulungsstadt", null, null), test);
    }

    [Fact]
    public void Check_ReportsABrokenList_WithItsLine()
    {
        var source = Source(Write("<?xml version=\"1.0\"?>\n<gc:CodeList xmlns:gc=\"http://docs.oasis-open.org/codelist/ns/genericode/1.0/\">\n<SimpleCodeList>\n</gc:CodeList>"));

        var broken = source.Check("01001000", null, isTest: false);

        Assert.Equal("directory-broken", broken.ErrorCode);
        Assert.Contains("Zeile 4", broken.Error, StringComparison.Ordinal);
    }

    private const string DemoMunicipalityAgs = Amtsweg.Server.Hosting.DemoMunicipality.Ags;

    private static MunicipalityDirectorySource Source(string? path) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [MunicipalityDirectorySource.Setting] = path }).Build());

    private string Write(string xml)
    {
        var path = Path.Combine(_folder.FullName, Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(path, xml);
        return path;
    }
}
