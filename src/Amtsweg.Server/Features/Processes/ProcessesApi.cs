using System.Text.Json;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes;

/// <summary>
/// The engine's REST API for processes: deploy, list definitions and read one's BPMN XML, start, read and cancel instances (with active element
/// ids for the diagram), and the Vorgang of an instance; the operator's list of instances. The tenant filter of the data layer scopes everything.
/// </summary>
internal static class ProcessesApi
{
    public static IEndpointRouteBuilder MapProcesses(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("Prozesse")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        Deploy.Endpoint.Map(api);
        ListDefinitions.Endpoint.Map(api);
        GetDefinitionXml.Endpoint.Map(api);
        StartInstance.Endpoint.Map(api);
        GetInstance.Endpoint.Map(api);
        GetInstanceVorgang.Endpoint.Map(api);
        CancelInstance.Endpoint.Map(api);
        ChangeTimerDueDate.Endpoint.Map(api);
        var operators = api.MapGroup(string.Empty).RequireAuthorization(policy => policy.RequireRole(Roles.Leitung, Roles.Prozessgestaltung, Roles.Administration));
        ListInstances.Endpoint.Map(operators);
        return endpoints;
    }

    /// <summary>Variables from a JSON request as the engine stores them; refuses what it cannot store exactly.</summary>
    internal static Dictionary<string, object?>? ToVariables(Dictionary<string, JsonElement>? variables)
    {
        foreach (var (name, value) in variables ?? [])
        {
            CheckStorable(name, value);
        }

        return variables?.ToDictionary(pair => pair.Key, pair => (object?)System.Text.Json.Nodes.JsonNode.Parse(pair.Value.GetRawText()));
    }

    // The digits of a JSON number without sign, point, exponent and the zeros that carry no value.
    private static int SignificantDigits(string number)
    {
        var mantissa = number.Split('e', 'E')[0].TrimStart('-', '+');
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        return (mantissa.Contains('.', StringComparison.Ordinal) ? digits : digits.TrimEnd('0')).Length;
    }

    // JSON allows what the engine cannot store exactly: a lone UTF-16 surrogate ("\ud800") and numbers beyond FEEL's
    // decimal range. Both are refused here, before anything changes, instead of failing deep inside the engine.
    private static void CheckStorable(string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    CheckStorable(name, property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    CheckStorable(name, item);
                }

                break;
            case JsonValueKind.String:
                try
                {
                    value.GetString();
                }
                catch (InvalidOperationException error)
                {
                    throw new InvalidVariableException(InvalidVariableException.Invalid, $"Die Variable „{name}“ enthält ein ungültiges Zeichen (ein halbes UTF-16-Zeichenpaar).", error);
                }

                break;
            case JsonValueKind.Number when !Amtsweg.Feel.FeelNumber.TryParse(value.GetRawText(), out _) || SignificantDigits(value.GetRawText()) > Amtsweg.Feel.FeelNumber.Precision:
                throw new InvalidVariableException(InvalidVariableException.Invalid,
                    $"Die Zahl {value.GetRawText()} in der Variable „{name}“ kann nicht genau gespeichert werden (höchstens {Amtsweg.Feel.FeelNumber.Precision} Stellen).");
        }
    }
}
