using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Crash;

/// <summary>
/// The child process of <see cref="CrashDuringUploadTests"/>: uploads documents into one Vorgang without end and
/// prints <c>committed &lt;version id&gt;</c> after each commit, until the parent kills it.
/// </summary>
internal static class UploadChild
{
    public const string Verb = "upload-until-killed";

    /// <param name="args"><c>key=value</c> settings, plus <c>tenant=</c> and <c>vorgang=</c>.</param>
    public static async Task<int> RunAsync(string[] args)
    {
        var settings = args.Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]);
        var tenant = Guid.Parse(settings["tenant"]!);
        var vorgang = Guid.Parse(settings["vorgang"]!);
        await using var services = RecordsTestHost.BuildServices(settings, TimeProvider.System);
        var random = new Random();
        Console.WriteLine("ready");
        for (var i = 0; ; i++)
        {
            // Sizes up to 1 MB so that the kill often lands in the middle of writing a file.
            var content = new byte[random.Next(1, 1024 * 1024)];
            random.NextBytes(content);
            await using var scope = services.CreateTenantScope(tenant);
            var version = await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(
                new AddDokumentCommand(vorgang, RecordsTestHost.Metadata($"Scan {i}", "Scan"), new MemoryStream(content)),
                "scanstelle",
                CancellationToken.None);
            Console.WriteLine("committed " + version.Id);
        }
    }
}
