using Amtsweg.Decisions;
using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Feel;
using BenchmarkDotNet.Attributes;

namespace Amtsweg.Benchmarks;

/// <summary>
/// The municipal fee table of the Decisions tests ("Gebühr Gewerbeanmeldung": 50 rules over 5 inputs, a FIRST table
/// for the base fee and a COLLECT SUM table for surcharges): parse, compile, and evaluate per application.
/// </summary>
[MemoryDiagnoser]
public class FeeTableBenchmarks
{
    private static readonly string ModelPath = Path.Combine(AppContext.BaseDirectory, "Models", "gebuehr-gewerbeanmeldung.dmn");
    private string _xml = "";
    private DmnDefinitions? _definitions;
    private DmnModel? _model;
    private KeyValuePair<string, FeelValue>[] _inputs = [];

    [GlobalSetup]
    public void Setup()
    {
        _xml = File.ReadAllText(ModelPath);
        _definitions = DmnParser.ParseText(_xml);
        _model = DmnEngine.Compile(_definitions);
        _inputs =
        [
            new("Anmeldeart", "Neuanmeldung"),
            new("Rechtsform", "GmbH"),
            new("Gewerbeart", "Gaststätte"),
            new("Online eingereicht", FeelConvert.FromObject(true)),
            new("Anzahl Betriebsstaetten", FeelConvert.FromObject(3)),
        ];
        var check = _model.Evaluate("Gebühr Gewerbeanmeldung", _inputs);
        if (check.HasErrors)
        {
            throw new InvalidOperationException("The fee model does not evaluate: " + string.Join("; ", check.Messages));
        }
    }

    [Benchmark(Description = "parse DMN XML")]
    public DmnDefinitions Parse() => DmnParser.ParseText(_xml);

    [Benchmark(Description = "compile model")]
    public DmnModel Compile() => DmnEngine.Compile(_definitions!);

    [Benchmark(Description = "evaluate fee (FIRST + COLLECT SUM, 50 rules)")]
    public DecisionResult Evaluate() => _model!.Evaluate("Gebühr Gewerbeanmeldung", _inputs);
}
