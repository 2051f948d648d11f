using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// A browser test: the real server with the demo municipality and Debian's Chromium, one of each per test. The first
/// test of the run starts a server on a fresh data folder, as a new user does, and stops it; every test's server then
/// starts on a copy of that folder (<see cref="ServerProcess.StartOnCopyAsync"/>), the demo municipality already there.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private static readonly Lazy<Task<ServerProcess>> DemoTemplate = new(async () =>
    {
        var template = await ServerProcess.StartAsync();
        await template.StopForCopiesAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return template;
    });

    private IPlaywright? _playwright;

    /// <summary>The running server.</summary>
    protected ServerProcess Server { get; private set; } = null!;

    /// <summary>The browser.</summary>
    protected IBrowser Browser { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartOnCopyAsync(await DemoTemplate.Value);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>
    /// A second installation beside <see cref="Server"/>: another server on a copy of the demo's data folder, on a
    /// loopback port of its own. The caller disposes it.
    /// </summary>
    protected static async Task<ServerProcess> StartAnotherServerAsync() => await ServerProcess.StartOnCopyAsync(await DemoTemplate.Value);

    /// <summary>A new browser context (German, <paramref name="width"/> pixels wide) signed in as a demo user.</summary>
    protected async Task<IPage> SignInAsync(string userName, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Address.ToString(),
            Locale = "de-DE",
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });

        // Steps may wait up to 60 s: the loaded two-core CI machine has needed more than Playwright's default 30 s.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync(userName);
        await page.GetByLabel("Kennwort").FillAsync(Server.Passwords[userName]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForPageAsync(Server.Address + "");
        return page;
    }

    /// <summary>
    /// Deploys the Antrag process (as the demo's process designer) and starts it as <paramref name="clerk"/> in a new
    /// Vorgang under Aktenplan position 32.10; returns the Vorgang's Aktenzeichen.
    /// </summary>
    protected async Task<string> StartAntragInNewVorgangAsync(IPage clerk, string title)
    {
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "ProcessesApiTests.Antrag.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Antrag", resources = new[] { new { name = "antrag.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);
        var aktenplan = await (await clerk.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "32.10").GetProperty("id").GetString();
        var started = await clerk.APIRequest.PostAsync("/api/process-instances", new()
        {
            DataObject = new { processId = "Antrag", vorgang = new { positionId = position, title } },
        });
        Assert.Equal(201, started.Status);
        return (await started.JsonAsync())!.Value.GetProperty("businessKey").GetString()!;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            // What the server printed, to read when a browser step timed out.
            await File.WriteAllTextAsync(Path.Combine(TestPaths.Artifacts, $"server-{GetType().Name}.log"), Server.Output);
            await Server.DisposeAsync();
        }
    }
}
