namespace Amtsweg.Decisions.Model;

/// <summary>A named, optionally typed variable: the variable of a DRG element, a parameter, a context entry or a relation column.</summary>
/// <param name="Id">Element id, if any.</param>
/// <param name="Name">Variable name.</param>
/// <param name="TypeRef">Type reference (a FEEL built-in type or an item definition name, possibly with an import prefix).</param>
/// <param name="Location">Position in the source file.</param>
public sealed record InformationItem(string? Id, string Name, string? TypeRef, SourceLocation Location);
