namespace Amtsweg.Cli.Tests;

/// <summary>What a new user reads first: the help, and the output of a command on a fresh data folder.</summary>
public sealed class CliOutputTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("serve", "--help")]
    [InlineData("db", "migrate", "--help")]
    [InlineData("search", "--help")]
    [InlineData("bpmn", "run", "--help")]
    [InlineData("incidents", "retry", "--help")]
    [InlineData("timers", "change-due-date", "--help")]
    public async Task Bug_Help_IsGermanThroughout(params string[] arguments)
    {
        using var data = new CliDataFolder();

        var help = await data.RunAsync(arguments);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Beschreibung:", help.Output, StringComparison.Ordinal);
        Assert.Contains("Aufruf:", help.Output, StringComparison.Ordinal);
        Assert.Contains("Optionen:", help.Output, StringComparison.Ordinal);
        Assert.Contains("Zeigt diese Hilfe an.", help.Output, StringComparison.Ordinal);
        foreach (var english in new[] { "Description", "Usage", "Options:", "Commands:", "Arguments:", "[options]", "[command]", "[default", "Show help", "Show version", "REQUIRED" })
        {
            Assert.DoesNotContain(english, help.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bug_CommandsOnAFreshDataFolder_LogNoInformationLines()
    {
        using var data = new CliDataFolder();

        // What a terminal shows: the built program, each command in a process of its own.
        var migrate = await data.RunInOwnProcessAsync("db", "migrate");
        var tenant = await data.RunInOwnProcessAsync("tenant", "create", "--ags", "09999003", "--name", "Leisestadt", "--test");
        var search = await data.RunInOwnProcessAsync("search", "Antrag", "--tenant", "09999003");

        Assert.Equal((0, "Datenbank ist auf dem neuesten Stand."), (migrate.ExitCode, migrate.Output.Trim()));
        Assert.Equal(0, tenant.ExitCode);
        Assert.Equal(0, search.ExitCode);
        foreach (var run in new[] { migrate, tenant, search })
        {
            Assert.DoesNotContain("info:", run.Output + run.Error, StringComparison.Ordinal);
        }
    }
}
