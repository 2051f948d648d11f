using System.Text.Json;

namespace Amtsweg.Engine.Tests.Support;

/// <summary>Test variables written as anonymous objects, turned into the engine's input through JSON.</summary>
public static class Variables
{
    public static IReadOnlyDictionary<string, object?>? Of(object? values)
    {
        if (values is null)
        {
            return null;
        }

        if (values is IReadOnlyDictionary<string, object?> dictionary)
        {
            return dictionary;
        }

        using var document = JsonDocument.Parse(JsonSerializer.Serialize(values));
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
    }
}
