using System.Text.RegularExpressions;

namespace Amtsweg.Cli.Tests;

/// <summary><c>amtsweg client create/list/revoke</c> on an embedded data folder.</summary>
public sealed partial class ClientCommandTests
{
    [Fact]
    public async Task ClientCreate_PrintsExactlyIdAndSecret_WhenTenantExists()
    {
        using var data = new CliDataFolder();
        await data.CreateTenantAsync("09999004", "Clientstadt");

        var created = await data.RunAsync("client", "create", "--tenant", "09999004", "--name", "Druckstraße", "--scope", "jobs", "--scope", "process-instances");

        Assert.Equal(0, created.ExitCode);
        var lines = created.Output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Matches(ClientIdLine(), lines[0]);
        Assert.Matches(ClientSecretLine(), lines[1]);

        var list = await data.RunAsync("client", "list", "--tenant", "09999004");
        var clientId = lines[0]["client_id=".Length..];
        Assert.Equal(0, list.ExitCode);
        Assert.Contains($"{clientId}\tDruckstraße\tjobs process-instances\taktiv", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(lines[1]["client_secret=".Length..], list.Output, StringComparison.Ordinal);

        var revoke = await data.RunAsync("client", "revoke", clientId);
        var after = await data.RunAsync("client", "list");
        Assert.Equal(0, revoke.ExitCode);
        Assert.Contains($"{clientId}\tDruckstraße\tjobs process-instances\tgesperrt ", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCreate_FailsWithGermanError_WhenScopeIsUnknown()
    {
        using var data = new CliDataFolder();
        await data.CreateTenantAsync("09999005", "Clientstadt");

        var created = await data.RunAsync("client", "create", "--tenant", "09999005", "--name", "X", "--scope", "alles");

        Assert.Equal(1, created.ExitCode);
        Assert.Contains("Unbekannter oder fehlender Scope „alles“", created.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("client_secret", created.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex("^client_id=aw-[0-9a-f]{24}$")]
    private static partial Regex ClientIdLine();

    [GeneratedRegex("^client_secret=[A-Za-z0-9_-]{43}$")]
    private static partial Regex ClientSecretLine();
}
