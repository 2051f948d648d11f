namespace Amtsweg.Cli.Tests;

/// <summary>Issue 16.1: <c>amtsweg tenant create</c> checks the AGS against the official code list; <c>--test</c> makes a test municipality.</summary>
public sealed class TenantCommandTests
{
    [Fact]
    public async Task TenantCreate_TakesTheOfficialName_RefusesUnknownAgs_AndCreatesTestMunicipalityOnlyWithTest()
    {
        using var data = new CliDataFolder();

        var official = await data.RunAsync("tenant", "create", "--ags", "01001000");
        var unknown = await data.RunAsync("tenant", "create", "--ags", "01001999", "--name", "Nirgendwo");
        var test = await data.RunAsync("tenant", "create", "--ags", "01001999", "--name", "Schulungsdorf", "--test");
        var testWithOfficialAgs = await data.RunAsync("tenant", "create", "--ags", "08111000", "--name", "Spielwiese", "--test");
        var list = await data.RunAsync("tenant", "list");

        Assert.Equal(0, official.ExitCode);
        Assert.Contains("Gemeinde „Flensburg, Stadt“ angelegt: AGS 01001000", official.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Fehler: Der AGS 01001999 steht nicht im Gemeindeverzeichnis (Stand 30.06.2026).", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(0, test.ExitCode);
        Assert.Contains("Testgemeinde „Schulungsdorf“ angelegt", test.Output, StringComparison.Ordinal);
        Assert.Equal(1, testWithOfficialAgs.ExitCode);
        Assert.Contains("„Stuttgart, Landeshauptstadt“", testWithOfficialAgs.Error, StringComparison.Ordinal);
        Assert.Equal(
            ["01001000  Flensburg, Stadt  (SchleswigHolstein)", "01001999  Schulungsdorf  (SchleswigHolstein)  Testgemeinde"],
            list.Output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
    }
}
