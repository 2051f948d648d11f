using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Amtsweg.Benchmarks -- --filter '*'
// Results go to docs/benchmarks.md with the machine and the date.
BenchmarkSwitcher.FromAssembly(typeof(Amtsweg.Benchmarks.FeeTableBenchmarks).Assembly).Run(args);
