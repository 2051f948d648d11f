using System.Text.Json.Nodes;

namespace Amtsweg.Library.Packages;

/// <summary>The manifest of a process package (<c>amtsweg-package.json</c>, format <c>amtsweg-package/1</c>, <c>docs/process-packages.md</c>).</summary>
/// <param name="Id">Lower-case letters, digits and <c>-</c>, 3 to 64 characters, a letter first.</param>
/// <param name="Version">A semantic version <c>MAJOR.MINOR.PATCH</c>, optionally with a <c>-pre</c> suffix.</param>
/// <param name="Title">The German title.</param>
/// <param name="Description">What the process does, for whom, what it needs, in plain German.</param>
/// <param name="Leika">14-digit LeiKa keys of the service, or empty.</param>
/// <param name="Tags">Short German words.</param>
/// <param name="Publisher">The publishing municipality.</param>
/// <param name="Authors">Who wrote it.</param>
/// <param name="License">The licence (an SPDX id such as <c>EUPL-1.2</c>).</param>
/// <param name="Sources">The law, by-law or fee schedule the defaults come from.</param>
/// <param name="Parameters">The values a municipality sets, with defaults.</param>
/// <param name="Connectors">Connectors the package needs.</param>
/// <param name="JobTypes">Every job type the package's service tasks use.</param>
public sealed record PackageManifest(
    string Id,
    string Version,
    string Title,
    string Description,
    IReadOnlyList<string> Leika,
    IReadOnlyList<string> Tags,
    PackagePublisher Publisher,
    IReadOnlyList<string> Authors,
    string License,
    IReadOnlyList<string> Sources,
    IReadOnlyList<PackageParameter> Parameters,
    IReadOnlyList<string> Connectors,
    IReadOnlyList<string> JobTypes)
{
    /// <summary>The parameter defaults as the context a process sees as the variable <c>parameter</c>.</summary>
    public JsonObject ParameterDefaults()
    {
        var defaults = new JsonObject();
        foreach (var parameter in Parameters)
        {
            defaults[parameter.Name] = parameter.Default.DeepClone();
        }

        return defaults;
    }
}

/// <summary>The municipality that publishes a package.</summary>
/// <param name="Ags">Its 8-digit Amtlicher Gemeindeschlüssel.</param>
/// <param name="Name">Its name.</param>
public sealed record PackagePublisher(string Ags, string Name);

/// <summary>A value a municipality sets for a package (a fee, a deadline, an office).</summary>
/// <param name="Name">The name in FEEL (<c>parameter.Name</c>): a letter or <c>_</c> first, then letters, digits and <c>_</c>.</param>
/// <param name="Type">The type.</param>
/// <param name="Default">The default, of that type.</param>
/// <param name="Label">The German label.</param>
/// <param name="Description">A German explanation, or null.</param>
/// <param name="Unit">The unit (<c>EUR</c>), or null.</param>
public sealed record PackageParameter(string Name, PackageParameterType Type, JsonNode Default, string Label, string? Description, string? Unit);

/// <summary>The type of a package parameter.</summary>
public enum PackageParameterType
{
    /// <summary>Text (<c>text</c>).</summary>
    Text,

    /// <summary>A number (<c>number</c>).</summary>
    Number,

    /// <summary>A whole number (<c>integer</c>).</summary>
    Integer,

    /// <summary>True or false (<c>boolean</c>).</summary>
    Boolean,

    /// <summary>A calendar day, ISO <c>2026-01-31</c> (<c>date</c>).</summary>
    Date,

    /// <summary>An ISO 8601 duration in days and time, <c>P14D</c>, <c>PT48H</c> (<c>duration</c>).</summary>
    Duration,
}
