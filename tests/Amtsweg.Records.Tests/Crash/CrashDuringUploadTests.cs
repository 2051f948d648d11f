using System.Diagnostics;
using System.Security.Cryptography;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Crash;

public sealed class CrashDuringUploadTests
{
    [Theory]
    [AllProviders]
    public async Task Verify_FindsEveryRowWithIntactContent_AfterUploaderIsKilledDuringUploads(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var committed = new List<Guid>();
        var random = new Random(4711);

        for (var round = 0; round < 3; round++)
        {
            using var child = StartChild(host, tenant, vorgang.Id);
            var killAfter = random.Next(1, 4);
            for (var seen = 0; seen < killAfter;)
            {
                var line = await child.StandardOutput.ReadLineAsync()
                    ?? throw new InvalidOperationException("The upload child ended early: " + await child.StandardError.ReadToEndAsync());
                if (line.StartsWith("committed ", StringComparison.Ordinal))
                {
                    committed.Add(Guid.Parse(line["committed ".Length..]));
                    seen++;
                }
            }

            // The child is in the middle of its next upload now: somewhere between generating, writing, renaming and committing.
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            while (await child.StandardOutput.ReadLineAsync() is { } rest)
            {
                if (rest.StartsWith("committed ", StringComparison.Ordinal))
                {
                    committed.Add(Guid.Parse(rest["committed ".Length..]));
                }
            }
        }

        await using var scope = host.ScopeFor(tenant);
        var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        Assert.True(verification.IsIntact, string.Join(Environment.NewLine, verification.Problems));
        var stored = await host.QueryAsync(tenant, db => db.DokumentVersionen.Select(v => v.Id).ToListAsync());
        Assert.Superset(committed.ToHashSet(), stored.ToHashSet());
        Assert.Equal(stored.Count, verification.VersionsChecked);
        foreach (var file in Directory.EnumerateFiles(host.Blobs.Root, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(Path.Combine(host.Blobs.Root, "tmp"), StringComparison.Ordinal)))
        {
            await using var stream = File.OpenRead(file);
            Assert.Equal(Path.GetFileName(file), Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
        }
    }

    private static Process StartChild(RecordsTestHost host, Guid tenant, Guid vorgang)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add(UploadChild.Verb);
        foreach (var (key, value) in host.Store.Settings)
        {
            start.ArgumentList.Add($"{key}={value}");
        }

        start.ArgumentList.Add($"tenant={tenant}");
        start.ArgumentList.Add($"vorgang={vorgang}");
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
