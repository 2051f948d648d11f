using System.Text.Json.Nodes;
using Amtsweg.Data.Providers;

namespace Amtsweg.Server.Tests;

/// <summary>
/// The OpenAPI document states what every <c>/api</c> operation answers: its success with a schema (typed results), the
/// problems of routes with an id, and enums as strings (ADR 0017).
/// </summary>
public class OpenApiTests
{
    [Fact]
    public async Task OpenApiDocument_DeclaresSuccessWithSchema_ForEveryApiOperation()
    {
        var document = await DocumentAsync();

        var missing = new List<string>();
        foreach (var (operation, responses) in ApiOperations(document))
        {
            var successes = responses.Where(response => response.Key.StartsWith('2')).ToList();
            if (successes.Count == 0)
            {
                missing.Add($"{operation}: no success response");
            }

            // 204 has no body; every other success names what it returns.
            foreach (var (status, response) in successes.Where(response => response.Key != "204"))
            {
                var schemas = (response?["content"] as JsonObject)?.Select(content => content.Value?["schema"] as JsonObject).ToList() ?? [];
                if (schemas.Count == 0 || schemas.Any(schema => schema is null || schema.Count == 0))
                {
                    missing.Add($"{operation}: {status} without a schema");
                }
            }
        }

        Assert.NotEmpty(ApiOperations(document));
        Assert.True(missing.Count == 0, "Operations without a typed success: " + string.Join("; ", missing));
    }

    [Fact]
    public async Task OpenApiDocument_DeclaresNotFoundProblem_ForEveryApiRouteWithId()
    {
        var document = await DocumentAsync();

        var missing = ApiOperations(document)
            .Where(operation => operation.Operation.Contains("{id}", StringComparison.Ordinal))
            .Where(operation => operation.Responses["404"]?["content"]?["application/problem+json"] is null)
            .Select(operation => operation.Operation)
            .ToList();

        Assert.True(missing.Count == 0, "Routes with an id that do not declare 404 problem details: " + string.Join("; ", missing));
    }

    [Fact]
    public async Task OpenApiDocument_DeclaresEnumsAsStrings_IncludingProcessInstanceState()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();

        var enums = schemas.Where(schema => schema.Value?["enum"] is JsonArray).ToList();
        var notStrings = enums
            .Where(schema => schema.Value!["enum"]!.AsArray().Any(value => value is not null && value.GetValueKind() != System.Text.Json.JsonValueKind.String))
            .Select(schema => schema.Key)
            .ToList();
        var state = schemas["ProcessInstanceInfo"]?["properties"]?["state"]?["$ref"]?.GetValue<string>();

        Assert.Empty(notStrings);
        Assert.Equal("#/components/schemas/ProcessInstanceState", state);
        Assert.Equal(["Active", "Completed", "Canceled"], schemas["ProcessInstanceState"]!["enum"]!.AsArray().Select(value => value!.GetValue<string>()));
        Assert.Contains(enums, schema => schema.Key == "UserTaskState");
    }

    private static async Task<JsonObject> DocumentAsync()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var clerk = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());
        var response = await clerk.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static List<(string Operation, JsonObject Responses)> ApiOperations(JsonObject document) =>
        document["paths"]!.AsObject()
            .Where(path => path.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(path => path.Value!.AsObject().Select(method => ($"{method.Key.ToUpperInvariant()} {path.Key}", method.Value!["responses"]!.AsObject())))
            .ToList();
}
