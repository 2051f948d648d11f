using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amtsweg.Forms.Schema;

namespace Amtsweg.Forms.Tests;

/// <summary>Helpers: schemas from text or from the form-js fixtures, data from JSON, rendered HTML as an XML tree.</summary>
internal static class Support
{
    public static FormSchema Form(string componentsJson) => FormSchemaReader.Read("{\"type\": \"default\", \"components\": " + componentsJson + "}");

    /// <summary>A schema from <c>Fixtures/</c> (copied from form-js, see Fixtures/README.md).</summary>
    public static FormSchema Fixture(string name) => FormSchemaReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)));

    public static JsonObject Data(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>Parses the rendered fragment; fails the test when it is not well-formed.</summary>
    public static XElement Parse(string html) => XElement.Parse("<root>" + html + "</root>");

    public static XElement ById(this XElement root, string id) =>
        root.Descendants().SingleOrDefault(e => (string?)e.Attribute("id") == id) ?? throw new Xunit.Sdk.XunitException($"No element with id '{id}' in {root}");

    public static IEnumerable<XElement> Named(this XElement root, string name) => root.Descendants(name);

    public static string? Attr(this XElement element, string name) => (string?)element.Attribute(name);
}

/// <summary>A clock standing still at a given moment.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
