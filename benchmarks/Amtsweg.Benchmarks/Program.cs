using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Amtsweg.Benchmarks -- --filter '*'
// Results go to docs/benchmarks.md with the machine and the date.
// dotnet run -c Release --project benchmarks/Amtsweg.Benchmarks -- search [--documents N]: the e-file search benchmark.
if (args.Length > 0 && args[0] == "search")
{
    return await Amtsweg.Benchmarks.Search.SearchBenchmark.MainAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Amtsweg.Benchmarks.FeeTableBenchmarks).Assembly).Run(args);
return 0;
