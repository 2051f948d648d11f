using System.CommandLine;
using System.Text.Json;
using Amtsweg.Feel;

namespace Amtsweg.Cli.Commands;

/// <summary><c>amtsweg feel eval '&lt;expression&gt;' [--context '&lt;json&gt;']</c>: prints the value of a FEEL expression.</summary>
internal static class FeelCommand
{
    public static Command Create()
    {
        var expression = new Argument<string>("expression") { Description = "FEEL-Ausdruck, z. B. 'sum([1,2,3]) * 2'." };
        var context = new Option<string?>("--context") { Description = "Variablen als JSON-Objekt, z. B. '{\"Alter\": 17}'." };
        var eval = new Command("eval", "Wertet einen FEEL-Ausdruck aus und gibt den Wert aus.") { expression, context };
        eval.SetAction(result =>
        {
            FeelScope scope;
            try
            {
                scope = ToScope(result.GetValue(context));
            }
            catch (JsonException error)
            {
                Console.Error.WriteLine("Fehler: --context ist kein gültiges JSON-Objekt: " + error.Message);
                return 1;
            }

            FeelExpression compiled;
            try
            {
                compiled = FeelParser.ParseExpression(result.GetValue(expression)!, scope);
            }
            catch (FeelSyntaxException error)
            {
                Console.Error.WriteLine("Syntaxfehler: " + error.Message);
                return 1;
            }

            var value = compiled.Evaluate(scope);
            Console.WriteLine(value.Value);
            foreach (var diagnostic in value.Diagnostics)
            {
                Console.Error.WriteLine(diagnostic);
            }

            return value.HasError ? 1 : 0;
        });
        return new Command("feel", "FEEL-Ausdrücke (Expression Language von DMN und der Prozess-Engine).") { eval };
    }

    /// <summary>Turns a JSON object into a scope of FEEL variables; null or empty: an empty scope.</summary>
    internal static FeelScope ToScope(string? json)
    {
        var scope = new FeelScope();
        if (string.IsNullOrWhiteSpace(json))
        {
            return scope;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("Erwartet wird ein Objekt { ... }.");
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            scope.Set(property.Name, FeelConvert.FromJson(property.Value));
        }

        return scope;
    }
}
