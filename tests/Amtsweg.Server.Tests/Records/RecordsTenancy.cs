using System.Net;
using System.Net.Http.Json;
using Amtsweg.Casework;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Beteiligte.Add;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Vermerke.Add;
using Amtsweg.Server.Features.Vorgaenge.Reopen;
using Amtsweg.Server.Features.Wiedervorlagen.Set;
using Amtsweg.Server.Platform;

namespace Amtsweg.Server.Tests.Records;

/// <summary>The e-file's part of <c>TenancyTests.EveryRouteWithParameter_HasCrossTenantCase</c>.</summary>
internal static class RecordsTenancy
{
    /// <summary>The e-file's routes with an id; another tenant's id is answered 404 on each.</summary>
    public static readonly string[] Routes =
    [
        "/api/akten/{id:guid}",
        "/api/vorgaenge/{id:guid}",
        "/api/vorgaenge/{id:guid}/history",
        "/api/vorgaenge/{id:guid}/close",
        "/api/vorgaenge/{id:guid}/reopen",
        "/api/vorgaenge/{id:guid}/vermerke",
        "/api/vorgaenge/{id:guid}/wiedervorlagen",
        "/api/vorgaenge/{id:guid}/dokumente",
        "/api/dokument-versionen/{id:guid}/content",
        "/api/process-instances/{id:guid}/vorgang",
        "/api/tasks/{id:guid}/dokumente",
        "vorgaenge/{id:guid}",
        "/api/vorgaenge/{id:guid}/beteiligte",
        "/api/vorgaenge/{id:guid}/beteiligte/{beteiligterId:guid}",
        "/vorgaenge/{id:guid}/dokumente",
        "dokumente/{id:guid}/ansicht",
        "/api/process-definitions/{id:guid}/xml",
        "vorgaenge/{id:guid}/brief",
        "vorgaenge/{id:guid}/e-mail", // the post too: Mail/SendMailPageTests
    ];

    /// <summary>Another tenant's filed Vorgang with a process instance, an open task and a document.</summary>
    public static async Task<ForeignRecords> CreateFiledVorgangAsync(AmtswegFactory factory, Municipality municipality)
    {
        var position = await factory.CreatePositionAsync(municipality);
        var clerk = await ProcessFilingTests.DeployAndSignInClerkAsync(factory, municipality);
        var instance = await ProcessFilingTests.StartAsync(clerk, new VorgangTarget(PositionId: position.Id, Title: "Fremder Vorgang"));
        var task = (await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance.Id}", ProcessFilingTests.Json))![0];
        (await RecordsApiTests.UploadAsync(clerk, $"/api/tasks/{task.Id}/dokumente", "fremd.txt", "fremd")).EnsureSuccessStatusCode();
        var vorgang = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instance.Id}/vorgang", ProcessFilingTests.Json))!;
        var beteiligter = await clerk.PostAsJsonAsync($"/api/vorgaenge/{vorgang.Vorgang.Id}/beteiligte", new AddBeteiligterRequest("Antragstellerin", "Erika Fremd", null, null, null));
        var beteiligterId = (await beteiligter.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<BeteiligterResponse>())!.Id;
        return new ForeignRecords(vorgang.Vorgang.AkteId, vorgang.Vorgang.Id, vorgang.Dokumente[0].Versions[0].Id, instance.Id, task.Id, beteiligterId, instance.ProcessDefinitionId);
    }

    public static void AddCases(Dictionary<string, Func<Task<HttpStatusCode>>> cases, HttpClient clerk, ForeignRecords foreign)
    {
        var vorgang = $"/api/vorgaenge/{foreign.VorgangId}";
        cases["/api/akten/{id:guid}"] = async () => (await clerk.GetAsync($"/api/akten/{foreign.AkteId}")).StatusCode;
        cases["/api/vorgaenge/{id:guid}"] = async () => (await clerk.GetAsync(vorgang)).StatusCode;
        cases["/api/vorgaenge/{id:guid}/history"] = async () => (await clerk.GetAsync(vorgang + "/history")).StatusCode;
        cases["/api/vorgaenge/{id:guid}/close"] = async () => (await clerk.PostAsync(vorgang + "/close", null)).StatusCode;
        cases["/api/vorgaenge/{id:guid}/reopen"] = async () => (await clerk.PostAsJsonAsync(vorgang + "/reopen", new ReopenVorgangRequest("Versuch"))).StatusCode;
        cases["/api/vorgaenge/{id:guid}/vermerke"] = async () => (await clerk.PostAsJsonAsync(vorgang + "/vermerke", new AddVermerkRequest("Versuch"))).StatusCode;
        cases["/api/vorgaenge/{id:guid}/wiedervorlagen"] = async () => (await clerk.PostAsJsonAsync(vorgang + "/wiedervorlagen", new SetWiedervorlageRequest(new DateOnly(2026, 12, 1), "Versuch"))).StatusCode;
        cases["/api/vorgaenge/{id:guid}/dokumente"] = async () => (await RecordsApiTests.UploadAsync(clerk, vorgang + "/dokumente", "x.txt", "x")).StatusCode;
        cases["/api/dokument-versionen/{id:guid}/content"] = async () => (await clerk.GetAsync($"/api/dokument-versionen/{foreign.VersionId}/content")).StatusCode;
        cases["/api/process-instances/{id:guid}/vorgang"] = async () => (await clerk.GetAsync($"/api/process-instances/{foreign.InstanceId}/vorgang")).StatusCode;
        cases["/api/tasks/{id:guid}/dokumente"] = async () => (await RecordsApiTests.UploadAsync(clerk, $"/api/tasks/{foreign.TaskId}/dokumente", "x.txt", "x")).StatusCode;
        cases["vorgaenge/{id:guid}"] = async () => (await clerk.GetAsync($"/vorgaenge/{foreign.VorgangId}")).StatusCode;
        cases["/api/vorgaenge/{id:guid}/beteiligte"] = async () => (await clerk.GetAsync(vorgang + "/beteiligte")).StatusCode;
        cases["/api/vorgaenge/{id:guid}/beteiligte/{beteiligterId:guid}"] = async () => (await clerk.DeleteAsync($"{vorgang}/beteiligte/{foreign.BeteiligterId}")).StatusCode;
        cases["/vorgaenge/{id:guid}/dokumente"] = async () => (await RecordsApiTests.UploadAsync(clerk, $"/vorgaenge/{foreign.VorgangId}/dokumente", "x.txt", "x")).StatusCode;
        cases["dokumente/{id:guid}/ansicht"] = async () => (await clerk.GetAsync($"/dokumente/{foreign.VersionId}/ansicht")).StatusCode;
        cases["/api/process-definitions/{id:guid}/xml"] = async () => (await clerk.GetAsync($"/api/process-definitions/{foreign.DefinitionId}/xml")).StatusCode;
        cases["vorgaenge/{id:guid}/brief"] = async () => (await clerk.GetAsync($"/vorgaenge/{foreign.VorgangId}/brief?vorlage=nachforderung")).StatusCode;
        cases["vorgaenge/{id:guid}/e-mail"] = async () => (await clerk.GetAsync($"/vorgaenge/{foreign.VorgangId}/e-mail")).StatusCode;
    }
}

/// <summary>Ids of another tenant's e-file records.</summary>
internal sealed record ForeignRecords(Guid AkteId, Guid VorgangId, Guid VersionId, Guid InstanceId, Guid TaskId, Guid BeteiligterId, Guid DefinitionId);
