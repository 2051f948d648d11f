using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Features.Dokumente;
using Amtsweg.Server.Features.Dokumente.Add;
using Amtsweg.Server.Features.Posteingang;
using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Tasks.AddDokument;

/// <summary>
/// <c>POST /api/tasks/{id}/dokumente</c>: a clerk working a task files a document into the Vorgang of the task's process
/// instance, as <c>POST /api/vorgaenge/{id}/dokumente</c> does.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tasks/{id:guid}/dokumente", AddTaskDokument).WithName("AddTaskDokument").ProducesUploadProblems();

    private static async Task<Results<Created<AddedDokumentResponse>, Accepted<IntakeItemResponse>, ProblemHttpResult, StatusCodeHttpResult>> AddTaskDokument(Guid id, HttpContext http, IProcessEngine engine, RecordsReader reader, RecordsDbContext db, CancellationToken ct)
    {
        var task = await engine.GetUserTaskAsync(id, ct);

        if (task.State != UserTaskState.Created)
        {
            return ApiErrors.Conflict("engine.task-not-open", "Die Aufgabe ist nicht mehr offen.");
        }

        return await reader.VorgangOfInstanceAsync(task.ProcessInstanceId, ct) is { } vorgangId
            ? await Dokumente.Add.Endpoint.UploadAsync(http, vorgangId, db, ct)
            : ApiErrors.Conflict("casework.task-without-vorgang", "Der Prozess dieser Aufgabe ist keinem Vorgang zugeordnet.");
    }
}
