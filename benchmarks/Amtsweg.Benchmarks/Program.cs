using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Amtsweg.Benchmarks -- --filter '*'
// Results go to docs/benchmarks.md with the machine and the date.
// dotnet run -c Release --project benchmarks/Amtsweg.Benchmarks -- search [--documents N]: the e-file search benchmark.
if (args.Length > 0 && args[0] == "search")
{
    return await Amtsweg.Benchmarks.Search.SearchBenchmark.MainAsync(args[1..]);
}

// dotnet run -c Release --project benchmarks/Amtsweg.Benchmarks -- engine --provider sqlite|postgres --variant straight|jobs|worker --seconds S [--clients N] [--nodes N] [--workers N] [--history N] [--running M]
if (args is ["engine", ..])
{
    return await Amtsweg.Benchmarks.Throughput.EngineThroughput.MainAsync(args[1..]);
}

// dotnet build -c Release src/Amtsweg.Cli, then
// dotnet run -c Release --project benchmarks/Amtsweg.Benchmarks -- inbox --provider sqlite|postgres [--vorgaenge N] [--requests N] [--concurrency N]
if (args is ["inbox", ..])
{
    return await Amtsweg.Benchmarks.Workplace.InboxBenchmark.MainAsync(args[1..]);
}

// dotnet run -c Release --project benchmarks/Amtsweg.Benchmarks -- ocr [pages] [rounds]   (OCR through the Posteingang)
if (args is ["ocr", ..])
{
    return await Amtsweg.Benchmarks.OcrThroughput.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Amtsweg.Benchmarks.FeeTableBenchmarks).Assembly).Run(args);
return 0;
