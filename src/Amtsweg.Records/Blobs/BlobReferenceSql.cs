namespace Amtsweg.Records.Blobs;

/// <summary>
/// The PostgreSQL side of the blob reference check (ADR 0019). Equal content is stored once for all municipalities,
/// so whether a blob may be deleted depends on rows of every tenant, which row-level security hides from the server's
/// role. The function below answers only "is this hash referenced anywhere" and nothing else: it is owned by the
/// table owner (the migration runs as the owner), runs with its rights (<c>SECURITY DEFINER</c>, fixed
/// <c>search_path</c>) and turns the platform scope on for its own statements only, because the policies are forced on
/// the owner too (a <c>SET</c> clause on the function would be simpler, but PostgreSQL lets only a superuser attach
/// a custom setting to a function). The migration that creates it calls <see cref="Create"/>.
/// </summary>
public static class BlobReferenceSql
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "amtsweg_blob_is_referenced";

    /// <summary>
    /// Creates (or replaces) the function. Every table that can hold a content hash must be named here and in
    /// <see cref="BlobReferences"/> for SQLite; <c>BlobReferencesTests.ReferenceCheck_NamesEveryContentHashColumnOfTheModel</c>
    /// fails when a new <c>…ContentHash</c> column is missing here.
    /// </summary>
    public const string Create = $"""
        CREATE OR REPLACE FUNCTION {FunctionName}(content_hash text) RETURNS boolean
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER
        SET search_path = public, pg_temp
        AS $$
        DECLARE
          previous text := current_setting('amtsweg.platform_scope', true);
          referenced boolean;
        BEGIN
          PERFORM set_config('amtsweg.platform_scope', 'on', true);
          referenced := EXISTS (SELECT 1 FROM "DokumentVersionen" WHERE "ContentHash" = content_hash::bpchar)
            OR EXISTS (SELECT 1 FROM "IntakeItems" WHERE "ContentHash" = content_hash::bpchar)
            OR EXISTS (SELECT 1 FROM "IntakeItems" WHERE "FilingContentHash" = content_hash::bpchar);
          PERFORM set_config('amtsweg.platform_scope', coalesce(previous, 'off'), true);
          RETURN referenced;
        END
        $$;
        """;

    /// <summary>Drops the function.</summary>
    public const string Drop = $"DROP FUNCTION IF EXISTS {FunctionName}(text);";
}
