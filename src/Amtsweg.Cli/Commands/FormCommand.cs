using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Forms.Rendering;
using Amtsweg.Forms.Schema;
using Amtsweg.Forms.Validation;
using Amtsweg.Integration.Fim;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg form render &lt;form.json&gt; [--data JSON]</c> and <c>amtsweg form validate &lt;form.json&gt; --data JSON</c>:
/// what the server renders and checks for a form-js form, for designers and scripts. Exit code 2 for a form that
/// cannot be used, bad data or (validate) a submission with errors. <c>amtsweg form import-fim &lt;datei.xml&gt; [--out datei.form]</c>
/// makes a form from an XDatenfelder 2.0 or 3.0.0 data schema (exit code 2 for a message that cannot be imported).
/// </summary>
internal static class FormCommand
{
    private const int Failed = 2;

    public static Command Create()
    {
        var renderFile = new Argument<FileInfo>("form") { Description = "Formular als JSON (form-js, .form-Datei)." };
        var renderData = new Option<string?>("--data") { Description = "Werte, mit denen das Formular gezeigt wird, als JSON-Objekt." };
        var render = new Command("render", "Gibt das HTML aus, das der Server für das Formular erzeugt.") { renderFile, renderData };
        render.SetAction(result =>
        {
            if (!TryLoad(result.GetValue(renderFile)!, result.GetValue(renderData), out var schema, out var data))
            {
                return Failed;
            }

            Console.WriteLine(FormRenderer.Render(schema, data));
            return 0;
        });

        var validateFile = new Argument<FileInfo>("form") { Description = "Formular als JSON (form-js, .form-Datei)." };
        var validateData = new Option<string>("--data") { Description = "Die eingereichten Werte als JSON-Objekt.", Required = true };
        var validate = new Command("validate", "Prüft eingereichte Werte gegen das Formular; gibt jeden Fehler als 'Schlüssel: Meldung' aus, sonst die bereinigten Werte.") { validateFile, validateData };
        validate.SetAction(result =>
        {
            if (!TryLoad(result.GetValue(validateFile)!, result.GetValue(validateData), out var schema, out var data))
            {
                return Failed;
            }

            var outcome = FormValidator.Validate(schema, data);
            if (!outcome.IsValid)
            {
                foreach (var error in outcome.Errors)
                {
                    Console.WriteLine($"{error.Key}: {error.Message}");
                }

                return Failed;
            }

            Console.WriteLine(outcome.Data.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return 0;
        });

        var importFile = new Argument<FileInfo>("datei") { Description = "XDatenfelder-Nachricht (2.0 oder 3.0.0): Datenschema oder Datenfeldgruppe." };
        var importOut = new Option<FileInfo?>("--out") { Description = "Hierhin wird das Formular geschrieben (.form); ohne diese Angabe auf die Standardausgabe." };
        var importFim = new Command("import-fim", "Erzeugt aus einem FIM-Datenschema (XDatenfelder) ein Formular; die FIM-IDs bleiben an Feldern und Gruppen erhalten. Was das Formular nicht abbilden kann, wird als Hinweis ausgegeben.") { importFile, importOut };
        importFim.SetAction(result => ImportFim(result.GetValue(importFile)!, result.GetValue(importOut)));

        return new Command("form", "Formulare (form-js) darstellen, Eingaben prüfen und aus FIM-Datenschemata erzeugen.") { render, validate, importFim };
    }

    private static int ImportFim(FileInfo file, FileInfo? output)
    {
        FimFormImport imported;
        try
        {
            using var stream = file.OpenRead();
            imported = FimFormImporter.Import(stream);

            // The importer promises forms that Amtsweg.Forms reads; a form that does not is never written.
            _ = FormSchemaReader.Read(imported.FormJson);
        }
        catch (FimImportException error)
        {
            Console.Error.WriteLine($"Fehler: {file.Name} kann nicht importiert werden. {error.Message}");
            return Failed;
        }
        catch (FormSchemaException error)
        {
            Console.Error.WriteLine($"Fehler: Aus {file.Name} entstand kein verwendbares Formular. {error.Message}");
            return Failed;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Fehler: Die Datei {file.FullName} kann nicht gelesen werden.");
            return Failed;
        }

        var report = output is null ? Console.Error : Console.Out;
        if (output is null)
        {
            Console.WriteLine(imported.FormJson);
        }
        else
        {
            try
            {
                File.WriteAllText(output.FullName, imported.FormJson + "\n");
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Fehler: {output.FullName} kann nicht geschrieben werden.");
                return Failed;
            }
        }

        var standard = imported.Standard == XDatenfelderVersion.Version2 ? "2.0" : "3.0.0";
        report.WriteLine($"Formular „{imported.FormId}“ aus „{imported.Name}“ (XDatenfelder {standard}): {imported.FieldCount} Felder, {imported.GroupCount} Gruppen{(output is null ? "" : $", geschrieben nach {output.FullName}")}.");
        foreach (var note in imported.Notes)
        {
            report.WriteLine($"Hinweis: {note}");
        }

        return 0;
    }

    private static bool TryLoad(FileInfo file, string? json, out FormSchema schema, out JsonObject? data)
    {
        schema = null!;
        data = null;
        try
        {
            schema = FormSchemaReader.Read(File.ReadAllText(file.FullName));
        }
        catch (FormSchemaException error)
        {
            Console.Error.WriteLine($"Fehler: Das Formular {file.Name} kann nicht verwendet werden. {error.Message}");
            return false;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Fehler: Die Datei {file.FullName} kann nicht gelesen werden.");
            return false;
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        try
        {
            data = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject;
        }
        catch (JsonException)
        {
            data = null;
        }

        if (data is null)
        {
            Console.Error.WriteLine("Fehler: --data muss ein JSON-Objekt sein, z. B. '{\"name\": \"Muster\"}'.");
            return false;
        }

        return true;
    }
}
