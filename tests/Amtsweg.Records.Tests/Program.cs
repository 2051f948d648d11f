using Amtsweg.Records.Tests.Crash;

namespace Amtsweg.Records.Tests;

/// <summary>
/// Entry point when the test assembly is started as a child process (<c>dotnet Amtsweg.Records.Tests.dll ...</c>)
/// by the crash tests; the test runner does not use it.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => args is [UploadChild.Verb, ..]
        ? UploadChild.RunAsync(args[1..])
        : Task.FromResult(2);
}
