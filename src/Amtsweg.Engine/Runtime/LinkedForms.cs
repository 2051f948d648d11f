using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Zeebe;
using Amtsweg.Engine.Persistence;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Forms deployed as <c>.form</c> resources and linked with <c>zeebe:formDefinition formId</c>, resolved by the link's
/// binding type as Camunda 8 does: <c>latest</c> (the default) takes the newest version of the form id in the
/// municipality, <c>deployment</c> the version deployed together with the process definition, <c>versionTag</c> the
/// newest version with that tag.
/// </summary>
internal static class LinkedForms
{
    /// <summary>The file ending of a form resource.</summary>
    public const string Extension = ".form";

    /// <summary>True when the resource is a form (its name ends in <c>.form</c>).</summary>
    public static bool IsForm(DeploymentResource resource) => resource.Name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>The form id a link names, or null when it links no deployed form (embedded, external or none).</summary>
    public static string? LinkedId(ZeebeFormDefinition? link) => link?.FormId is { } id && !string.IsNullOrWhiteSpace(id) ? id.Trim() : null;

    /// <summary>The versions a link may resolve to, the one to take first.</summary>
    public static IQueryable<FormDefinitionEntity> Candidates(EngineDbContext db, Guid tenantId, string formId, ZeebeFormDefinition link, ProcessDefinitionEntity definition)
    {
        // The tenant is named as well as filtered: a job executor in the platform scope must not take another municipality's form.
        var candidates = db.FormDefinitions.Where(f => f.TenantId == tenantId && f.FormId == formId);
        var versionTag = link.VersionTag?.Trim();
        candidates = link.BindingType switch
        {
            ZeebeBindingType.Latest => candidates,
            ZeebeBindingType.Deployment => candidates.Where(f => f.DeploymentId == definition.DeploymentId),
            ZeebeBindingType.VersionTag => candidates.Where(f => f.VersionTag == versionTag),
        };
        return candidates.OrderByDescending(f => f.Version);
    }

    /// <summary>Why no version of the linked form could be found (German, names the form id).</summary>
    public static string NotFound(string formId, ZeebeFormDefinition link) => link.BindingType switch
    {
        ZeebeBindingType.Deployment => $"Das Formular '{formId}' wurde nicht mit dieser Prozessversion bereitgestellt. Stellen Sie den Prozess zusammen mit der Formulardatei erneut bereit.",
        ZeebeBindingType.VersionTag => $"Das Formular '{formId}' mit dem Versions-Tag '{link.VersionTag}' ist nicht bereitgestellt. Stellen Sie die Formulardatei mit diesem Versions-Tag bereit und wiederholen Sie dann den Schritt.",
        _ => $"Das Formular '{formId}' ist nicht bereitgestellt. Stellen Sie die Formulardatei (.form) mit dieser ID bereit und wiederholen Sie dann den Schritt.",
    };

    /// <summary>
    /// Reads a <c>.form</c> resource: a JSON object with a text <c>id</c>, a <c>components</c> list and optionally a
    /// text <c>versionTag</c>. Returns null with the German reason when it is not one.
    /// </summary>
    public static ParsedForm? Parse(string content, out string? problem)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(content, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            problem = "Die Formulardatei ist kein gültiges JSON.";
            return null;
        }

        if (root is not JsonObject form)
        {
            problem = "Die Formulardatei enthält kein Formular (ein JSON-Objekt wird erwartet).";
            return null;
        }

        if (form["id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id) || string.IsNullOrWhiteSpace(id))
        {
            problem = "Das Formular hat keine ID (Eigenschaft \"id\"); ohne sie kann kein Prozess darauf verweisen.";
            return null;
        }

        if (id.Trim().Length > 255)
        {
            problem = "Die ID des Formulars ist länger als 255 Zeichen.";
            return null;
        }

        if (form["components"] is not JsonArray)
        {
            problem = "Das Formular hat keine Liste der Felder (Eigenschaft \"components\").";
            return null;
        }

        string? versionTag = null;
        if (form["versionTag"] is { } tagNode)
        {
            if (tagNode is not JsonValue tagValue || !tagValue.TryGetValue(out versionTag) || versionTag.Length > 255)
            {
                problem = "Das Versions-Tag des Formulars (Eigenschaft \"versionTag\") muss ein Text von höchstens 255 Zeichen sein.";
                return null;
            }

            versionTag = string.IsNullOrWhiteSpace(versionTag) ? null : versionTag.Trim();
        }

        problem = null;
        return new ParsedForm(id.Trim(), versionTag);
    }
}

/// <summary>What the engine reads of a deployed form: its id and version tag.</summary>
internal sealed record ParsedForm(string FormId, string? VersionTag);
