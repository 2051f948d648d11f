using Amtsweg.Feel;
using BenchmarkDotNet.Attributes;

namespace Amtsweg.Benchmarks;

/// <summary>Typical FEEL expressions of processes and forms: parse once, evaluate many times.</summary>
[MemoryDiagnoser]
public class FeelBenchmarks
{
    [Params(
        "Alter >= 18 and Wohnort = \"Musterstadt\"",
        "if Betrag > 1000 then \"Leitung\" else \"Sachbearbeitung\"",
        "sum(for p in Positionen return p.Menge * p.Preis)",
        "date(Eingang) + duration(\"P14D\")",
        "some b in Betriebsstaetten satisfies b.Ort = Wohnort")]
    public string Expression { get; set; } = "";

    private FeelScope _scope = new();
    private FeelExpression? _compiled;

    [GlobalSetup]
    public void Setup()
    {
        _scope = FeelScope.From(new Dictionary<string, object?>
        {
            ["Alter"] = 42,
            ["Wohnort"] = "Musterstadt",
            ["Betrag"] = 1250.50m,
            ["Eingang"] = "2026-11-02",
            ["Positionen"] = new List<object?>
            {
                new Dictionary<string, object?> { ["Menge"] = 2, ["Preis"] = 19.90m },
                new Dictionary<string, object?> { ["Menge"] = 1, ["Preis"] = 120m },
                new Dictionary<string, object?> { ["Menge"] = 5, ["Preis"] = 3.25m },
            },
            ["Betriebsstaetten"] = new List<object?>
            {
                new Dictionary<string, object?> { ["Ort"] = "Nachbarort" },
                new Dictionary<string, object?> { ["Ort"] = "Musterstadt" },
            },
        });
        _compiled = FeelParser.ParseExpression(Expression, _scope);
        var check = _compiled.Evaluate(_scope);
        if (check.HasError || check.Value == FeelValue.Null)
        {
            throw new InvalidOperationException($"{Expression} does not evaluate: {check}");
        }
    }

    [Benchmark(Description = "parse")]
    public FeelExpression Parse() => FeelParser.ParseExpression(Expression, _scope);

    [Benchmark(Description = "evaluate compiled")]
    public FeelResult Evaluate() => _compiled!.Evaluate(_scope);
}
