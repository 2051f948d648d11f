using System.Text.Json;
using Amtsweg.Engine;
using Amtsweg.Records;
using Amtsweg.Records.Intake;
using Amtsweg.Server.Features.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features;

/// <summary>
/// The one place where what the modules throw becomes an RFC 9457 problem (ADR 0017): status, stable code and a German
/// message. Endpoints let refusals propagate; <see cref="ApiExceptionHandler"/> answers every <c>/api</c> request
/// with this table, and <see cref="WriteStatusProblemAsync"/> gives a bodyless status (unknown route, wrong method) the
/// same shape.
/// </summary>
public static class ApiProblems
{
    /// <summary>The code of every missing or foreign record, whatever the module: a caller cannot tell the two apart.</summary>
    public const string NotFound = "not-found";

    /// <summary>The most problems of a refused deployment an answer lists.</summary>
    public const int MaxDeploymentProblems = 100;

    private const string InternalMessage = "Interner Fehler. Bitte versuchen Sie es später noch einmal; bleibt der Fehler, wenden Sie sich an den Betrieb.";

    // Codes of the e-file that are not 409 Conflict; every other RecordsException is a conflict with the stored data.
    private static readonly Dictionary<string, int> RecordsStatus = new(StringComparer.Ordinal)
    {
        [RecordsErrors.NotFound] = StatusCodes.Status404NotFound,
        [RecordsErrors.PersonNotFound] = StatusCodes.Status404NotFound,
        [RecordsErrors.Invalid] = StatusCodes.Status400BadRequest,
        [IntakeErrors.FileNameInvalid] = StatusCodes.Status400BadRequest,
        [RecordsErrors.Restricted] = StatusCodes.Status403Forbidden,
        [RecordsErrors.UploadTooLarge] = StatusCodes.Status413PayloadTooLarge,
        [IntakeErrors.UnsupportedType] = StatusCodes.Status415UnsupportedMediaType,
        [IntakeErrors.TypeMismatch] = StatusCodes.Status415UnsupportedMediaType,
        [IntakeErrors.PdfEncrypted] = StatusCodes.Status422UnprocessableEntity,
        [IntakeErrors.Corrupt] = StatusCodes.Status422UnprocessableEntity,
        [IntakeErrors.ImageTooLarge] = StatusCodes.Status422UnprocessableEntity,
        [IntakeErrors.ArchiveTooLarge] = StatusCodes.Status422UnprocessableEntity,
        [IntakeErrors.TooManyAttachments] = StatusCodes.Status422UnprocessableEntity,
        [IntakeErrors.ProcessingFailed] = StatusCodes.Status422UnprocessableEntity,
        [RecordsErrors.TenantMissing] = StatusCodes.Status500InternalServerError,
    };

    /// <summary>The problem for an exception; <see langword="null"/> for one that is not a refusal but a fault.</summary>
    public static IResult? For(Exception error) => error switch
    {
        RecordsException records when records.Code == RecordsErrors.NotFound => Problem(StatusCodes.Status404NotFound, NotFound, records.Message),
        RecordsException records => Problem(RecordsStatus.GetValueOrDefault(records.Code, StatusCodes.Status409Conflict), records.Code, records.Message),
        EngineObjectNotFoundException => Problem(StatusCodes.Status404NotFound, NotFound, "Der Eintrag wurde nicht gefunden."),
        DeploymentFailedException deployment => Deployment(deployment),
        ConcurrentModificationException => Problem(StatusCodes.Status409Conflict, "engine.concurrent-modification", Refusals.ConcurrentChange),
        InvalidVariableException variable => Problem(variable.Code == InvalidVariableException.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
            variable.Code, variable.Message),
        TaskFormInvalidException form => TaskForm(form),
        TaskAccessDeniedException denied => Problem(StatusCodes.Status403Forbidden, "engine.task-forbidden", denied.Message),
        ExternalJobLockException lockLost => Problem(StatusCodes.Status409Conflict, "engine.job-lock-lost", lockLost.Message),
        InvalidEngineStateException state => Problem(StatusCodes.Status409Conflict, "engine.invalid-state", state.Message),
        ProcessIncidentException incident => Incident(incident),
        AntiforgeryValidationException => Problem(StatusCodes.Status400BadRequest, "request.antiforgery",
            "Das Formular ist abgelaufen oder unvollständig (Sicherheitsmerkmal fehlt). Bitte laden Sie die Seite neu und senden Sie es noch einmal."),
        BadHttpRequestException request => Request(request),
        _ => null,
    };

    /// <summary>Writes the problem of a status code the endpoint answered without a body (unknown route, wrong method, ...).</summary>
    public static Task WriteStatusProblemAsync(StatusCodeContext context) => WriteStatusProblemAsync(context.HttpContext);

    /// <summary>Writes the problem of the response's status code.</summary>
    public static Task WriteStatusProblemAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var (code, message) = status switch
        {
            StatusCodes.Status400BadRequest => ("request.invalid", "Die Anfrage ist fehlerhaft."),
            StatusCodes.Status401Unauthorized => ("request.unauthenticated", "Bitte melden Sie sich an."),
            StatusCodes.Status403Forbidden => ("request.forbidden", "Dafür fehlt Ihnen die Berechtigung."),
            StatusCodes.Status404NotFound => (NotFound, "Diese Adresse gibt es nicht."),
            StatusCodes.Status405MethodNotAllowed => ("request.method-not-allowed", $"Die Methode {context.Request.Method} ist für diese Adresse nicht erlaubt."),
            StatusCodes.Status413PayloadTooLarge => ("request.too-large", "Die Anfrage ist zu groß."),
            StatusCodes.Status415UnsupportedMediaType => ("request.unsupported-media-type", "Dieses Format wird hier nicht angenommen; erwartet wird JSON (application/json)."),
            StatusCodes.Status429TooManyRequests => ("request.too-many", "Zu viele Anfragen. Bitte warten Sie einen Moment."),
            >= 500 => ("server.internal-error", InternalMessage),
            _ => ("request.refused", "Die Anfrage wurde abgelehnt."),
        };
        return Problem(status, code, message).ExecuteAsync(context);
    }

    /// <summary>A problem with its stable code and German message.</summary>
    public static IResult Problem(int status, string code, string message) =>
        TypedResults.Problem(statusCode: status, title: message, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>Whether a request belongs to the REST API, which answers in problem details rather than pages.</summary>
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/v2");

    /// <summary>The problem for a fault that is not a refusal: no detail leaves the server.</summary>
    internal static IResult Internal() => Problem(StatusCodes.Status500InternalServerError, "server.internal-error", InternalMessage);

    private static IResult Request(BadHttpRequestException request) => request.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "request.too-large", "Die Anfrage ist zu groß."),
        StatusCodes.Status415UnsupportedMediaType => Problem(StatusCodes.Status415UnsupportedMediaType, "request.unsupported-media-type",
            "Dieses Format wird hier nicht angenommen; erwartet wird JSON (application/json)."),
        _ when request.InnerException is JsonException json => Problem(StatusCodes.Status400BadRequest, "request.malformed-json",
            json.LineNumber is { } line
                ? $"Der JSON-Inhalt ist fehlerhaft (Zeile {line + 1}, Position {json.BytePositionInLine + 1})."
                : "Der JSON-Inhalt ist fehlerhaft."),
        _ => Problem(StatusCodes.Status400BadRequest, "request.invalid", "Die Anfrage ist fehlerhaft: ein Pflichtwert fehlt oder hat das falsche Format."),
    };

    private static IResult Deployment(DeploymentFailedException error)
    {
        // A broken model can have a problem per element: the answer names the first ones and counts the rest, so that a
        // refused 100,000-element file does not answer with megabytes.
        var problems = error.Problems.Take(MaxDeploymentProblems)
            .Select(p => $"{p.Resource}: {p.Problem.MessageGerman} ({p.Problem.Code}, {p.Problem.ElementId}, Zeile {p.Problem.Line})").ToList();
        if (error.Problems.Count > MaxDeploymentProblems)
        {
            problems.Add($"… und {error.Problems.Count - MaxDeploymentProblems} weitere Probleme");
        }

        return Problem(StatusCodes.Status400BadRequest, "engine.deployment-invalid", "Die Bereitstellung ist nicht ausführbar: " + string.Join(" | ", problems));
    }

    // The field errors go with the problem, so that a caller can show each next to its field.
    private static IResult TaskForm(TaskFormInvalidException error) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: error.Message,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = "engine.task-form-invalid",
                ["errors"] = error.Errors.Select(e => new { key = e.Key, message = e.Message }).ToList(),
            });

    private static IResult Incident(ProcessIncidentException error) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            // The engine's exception message is English and names the element id; clerks read the incident's German message.
            title: Refusals.StoppedAtIncident(error),
            extensions: new Dictionary<string, object?>
            {
                ["code"] = "engine.incident",
                ["incidentId"] = error.Incident.Id,
                ["processInstanceId"] = error.Incident.ProcessInstanceId,
            });
}

/// <summary>Answers every exception of an <c>/api</c> or <c>/v2</c> request with <see cref="ApiProblems"/>; pages keep their error page.</summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already set the path to the error page's; the feature keeps the request's own.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        if (!path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            return false;
        }

        var problem = ApiProblems.For(exception);
        if (problem is null)
        {
            LogFault(logger, httpContext.Request.Method, path, exception);
            problem = ApiProblems.Internal();
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unbehandelter Fehler bei {Method} {Path}")]
    private static partial void LogFault(ILogger logger, string method, string path, Exception exception);
}

/// <summary>The body limit of JSON requests to the API.</summary>
public static class JsonBodyLimitExtensions
{
    /// <summary>
    /// Lowers the request body limit for JSON to <see cref="Hosting.ServerOptions.MaxJsonBytes"/>; uploads stream under
    /// their own limit (<c>Amtsweg:Records:MaxUploadBytes</c>). A larger body fails while it is read, with 413.
    /// </summary>
    public static IApplicationBuilder UseJsonBodyLimit(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!context.Request.HasJsonContentType())
            {
                return next(context);
            }

            var maximum = context.RequestServices.GetRequiredService<IOptions<Hosting.ServerOptions>>().Value.MaxJsonBytes;
            if (context.Request.ContentLength > maximum)
            {
                return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "request.too-large",
                    $"Die Anfrage ist zu groß (höchstens {maximum / 1024} KB JSON).").ExecuteAsync(context);
            }

            // A body without Content-Length (chunked) is stopped by the server while it is read.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = maximum;
            }

            return next(context);
        });
}
