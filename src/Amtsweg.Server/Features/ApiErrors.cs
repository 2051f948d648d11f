using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amtsweg.Server.Features;

/// <summary>RFC 9457 problem details with a stable error code and a German message.</summary>
public static class ApiErrors
{
    /// <summary>The resource does not exist for this tenant (a foreign tenant's id is answered the same way).</summary>
    public static ProblemHttpResult NotFound(string what) =>
        Problem(StatusCodes.Status404NotFound, "not-found", $"{what} wurde nicht gefunden.");

    /// <summary>The request was invalid; nothing was written.</summary>
    public static ProblemHttpResult Invalid(string code, string message) =>
        Problem(StatusCodes.Status400BadRequest, code, message);

    /// <summary>The request conflicts with existing data; nothing was written.</summary>
    public static ProblemHttpResult Conflict(string code, string message) =>
        Problem(StatusCodes.Status409Conflict, code, message);

    internal static ProblemHttpResult Problem(int status, string code, string message) =>
        TypedResults.Problem(statusCode: status, title: message, extensions: new Dictionary<string, object?> { ["code"] = code });
}
