namespace Amtsweg.Decisions.Model;

/// <summary>An import of another model (or of an XML schema or PMML file, which are recorded but not evaluated).</summary>
/// <param name="Namespace">Namespace of the imported model.</param>
/// <param name="Name">Prefix under which the imported names are visible; empty for an unprefixed import.</param>
/// <param name="ImportType">Import type URI.</param>
/// <param name="LocationUri">Location hint, if given.</param>
/// <param name="Location">Position in the source file.</param>
public sealed record DmnImport(string Namespace, string Name, string? ImportType, string? LocationUri, SourceLocation Location)
{
    /// <summary>Whether the import is of a DMN model (the import type names a DMN model namespace).</summary>
    public bool IsDmn => ImportType is null || DmnNamespaces.IsModelNamespace(ImportType);
}
