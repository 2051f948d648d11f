using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Privacy;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Amtsweg.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Operations;

/// <summary>
/// Issue 16.2: a municipality's personal data never reaches the operator. The municipality is filled with unique
/// marker strings wherever personal data lives; then every route of the server (enumerated from the endpoint data
/// source, so a route added later is covered without touching this test) is requested by an operator, once plain and
/// once while administering that municipality, with the municipality's ids in its route parameters.
/// </summary>
public sealed class OperatorLeakTests
{
    /// <summary>Route parameters that are not ids, with a value that exists in the seeded municipality.</summary>
    private static readonly Dictionary<string, string> NamedValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["version"] = "1",
        ["processId"] = "Antrag",
        ["documentName"] = "v1",
        ["code"] = "403",
        ["name"] = "eingang",
        ["elementId"] = "Pruefen",
    };

    [Theory]
    [AllProviders]
    public async Task EveryRoute_KeepsPersonalDataFromTheOperator_AndCaseContentClosed(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync("Markerstadt");
        var seeded = await SeedAsync(factory, municipality);
        var plain = await factory.SignInAsAsync(null, Roles.Betrieb);
        var administering = await factory.SignInAsAsync(null, Roles.Betrieb);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(administering, "/betrieb");
        var switched = await administering.PostAsync("/betrieb?handler=Switch", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = municipality.Id.ToString(),
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .OrderBy(e => IsRead(e) ? 0 : 1).ThenBy(e => e.RoutePattern.RawText, StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        var requests = 0;
        foreach (var (mode, client, principal) in new[]
        {
            ("Betrieb", plain, Operator(null)),
            ("Betrieb verwaltet", administering, Operator(municipality.Id)),
        })
        {
            foreach (var endpoint in endpoints)
            {
                var admitted = await AdmitsAsync(factory.Services, endpoint, principal);
                foreach (var method in Methods(endpoint))
                {
                    foreach (var url in Urls(endpoint, seeded, municipality.Ags, problems))
                    {
                        requests++;
                        using var request = new HttpRequestMessage(new HttpMethod(method), url);
                        if (method is not ("GET" or "HEAD" or "DELETE"))
                        {
                            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                        }

                        using var response = await client.SendAsync(request);
                        var body = await response.Content.ReadAsStringAsync();
                        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => h.Key + ": " + string.Join(",", h.Value)));
                        foreach (var (label, marker) in seeded.Markers)
                        {
                            if (body.Contains(marker, StringComparison.Ordinal) || headers.Contains(marker, StringComparison.Ordinal))
                            {
                                problems.Add($"{mode}: {method} {url} ({(int)response.StatusCode}) shows {label}");
                            }
                        }

                        if (!admitted && !IsDenied(response))
                        {
                            problems.Add($"{mode}: {method} {url} is closed to the operator by its policy but answered {(int)response.StatusCode}");
                        }

                        if (method == "GET" && (int)response.StatusCode >= 500)
                        {
                            problems.Add($"{mode}: GET {url} failed with {(int)response.StatusCode}, so it was not checked");
                        }
                    }
                }
            }
        }

        Assert.True(requests > 200, $"Only {requests} requests: the endpoints were not enumerated.");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    private static bool IsRead(RouteEndpoint endpoint) => Methods(endpoint).All(m => m == "GET");

    private static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? [.. methods.Where(m => m != "HEAD" && m != "OPTIONS")] : ["GET"];

    private static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } location
            && (location.Contains("/fehler/403", StringComparison.Ordinal) || location.Contains("/anmelden", StringComparison.Ordinal)));

    private static ClaimsPrincipal Operator(Guid? administers)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, "betrieb-test"), new(ClaimTypes.Role, Roles.Betrieb) };
        if (administers is { } id)
        {
            claims.Add(new Claim(AmtswegClaims.Tenant, id.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Identity.Application"));
    }

    // What the authorization middleware would decide for the operator: the endpoint's policies combined, else the fallback.
    private static async Task<bool> AdmitsAsync(IServiceProvider services, RouteEndpoint endpoint, ClaimsPrincipal principal)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return true;
        }

        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
            ?? await policies.GetFallbackPolicyAsync();
        if (policy is null)
        {
            return true;
        }

        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, null, policy)).Succeeded;
    }

    // Every way to fill the route's parameters with what exists in the municipality: a guid parameter takes each id
    // that exists, a named one its value; a parameter nobody knows is a failure, so that no route goes unrequested.
    private static IEnumerable<string> Urls(RouteEndpoint endpoint, Seeded seeded, string ags, List<string> problems)
    {
        var pattern = endpoint.RoutePattern;
        var choices = new List<(string Name, IReadOnlyList<string> Values)>();
        foreach (var parameter in pattern.Parameters)
        {
            if (parameter.IsOptional && !parameter.IsCatchAll)
            {
                continue;
            }

            var isGuid = parameter.ParameterPolicies.Any(p => p.Content == "guid") || parameter.Name.EndsWith("Id", StringComparison.Ordinal) || parameter.Name == "id"
                || parameter.Name.EndsWith("Key", StringComparison.Ordinal);
            if (NamedValues.TryGetValue(parameter.Name, out var value))
            {
                choices.Add((parameter.Name, [value]));
            }
            else if (isGuid)
            {
                choices.Add((parameter.Name, [.. seeded.Ids.Select(i => i.ToString())]));
            }
            else
            {
                problems.Add($"{pattern.RawText}: the test does not know a value for route parameter '{parameter.Name}'; add one to {nameof(NamedValues)}");
                yield break;
            }
        }

        var query = $"?gemeinde={ags}&vorgang={seeded.VorgangId}&prozess=Antrag";
        foreach (var values in Combinations(choices, 0, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)))
        {
            var path = new StringBuilder();
            foreach (var segment in pattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                {
                    path.Append(part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternSeparatorPart separator => separator.Content,
                        RoutePatternParameterPart parameter => values.GetValueOrDefault(parameter.Name, ""),
                        _ => "",
                    });
                }
            }

            yield return (path.Length == 0 ? "/" : path.ToString().TrimEnd('/')) + query;
        }
    }

    private static IEnumerable<Dictionary<string, string>> Combinations(List<(string Name, IReadOnlyList<string> Values)> choices, int index, Dictionary<string, string> chosen)
    {
        if (index == choices.Count)
        {
            yield return new Dictionary<string, string>(chosen, StringComparer.OrdinalIgnoreCase);
            yield break;
        }

        var (name, values) = choices[index];
        foreach (var value in values)
        {
            chosen[name] = value;
            foreach (var combination in Combinations(choices, index + 1, chosen))
            {
                yield return combination;
            }
        }
    }

    private sealed record Seeded(IReadOnlyList<(string Label, string Marker)> Markers, IReadOnlyList<Guid> Ids, Guid VorgangId);

    private static async Task<Seeded> SeedAsync(AmtswegFactory factory, Municipality municipality)
    {
        var markers = new List<(string, string)>();
        string Marker(string label)
        {
            var marker = "Mk" + Guid.NewGuid().ToString("N")[..12];
            markers.Add((label, marker));
            return marker;
        }

        // A clerk whose display name is a marker; they sign in and work.
        CreatedUser clerk;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>()
                .CreateUserAsync(municipality.Ags, "sachbearbeitung-" + Guid.NewGuid().ToString("N")[..8], Marker("Anzeigename der Sachbearbeiterin") + " " + Marker("Nachname der Sachbearbeiterin"), Roles.Sachbearbeitung, CancellationToken.None);
            clerk = result.Value!;
        }

        // The e-file: Akte, Vorgang, Dokument (file name, title, sender, text), Beteiligte, Vermerk.
        Guid vorgangId;
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var executor = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
            var position = await executor.ExecuteAsync(new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", null, 10, DisposalRule.Appraise), "test", CancellationToken.None);
            var akte = await executor.ExecuteAsync(new CreateAkteCommand(position.Id, "Akte " + Marker("Aktentitel")), "test", CancellationToken.None);
            var vorgang = await executor.ExecuteAsync(new OpenVorgangCommand(akte.Id, "Antrag von " + Marker("Betreff des Vorgangs")), "test", CancellationToken.None);
            vorgangId = vorgang.Id;
            var metadata = new DokumentMetadata("Brief " + Marker("Dokumenttitel"), new DateOnly(2026, 10, 1), "Antrag", Marker("Absender des Dokuments") + " " + Marker("Absender Nachname"), null, Confidentiality.Internal, Marker("Dateiname") + ".txt", "text/plain");
            await executor.ExecuteAsync(new AddDokumentCommand(vorgang.Id, metadata, new MemoryStream(Encoding.UTF8.GetBytes("Sehr geehrte " + Marker("Text des Dokuments")))), clerk.User.UserName!, CancellationToken.None);
            await executor.ExecuteAsync(new AddBeteiligterCommand(vorgang.Id, "Antragsteller", new DataSubject(
                Marker("Vorname der Antragstellerin") + " " + Marker("Nachname der Antragstellerin"),
                Marker("E-Mail der Antragstellerin") + "@example.org",
                "Hauptstraße 1, " + Marker("Anschrift der Antragstellerin"))), clerk.User.UserName!, CancellationToken.None);
            await executor.ExecuteAsync(new AddVermerkCommand(vorgang.Id, "Telefonat mit " + Marker("Vermerk")), clerk.User.UserName!, CancellationToken.None);

            var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
            var now = factory.Clock.GetUtcNow();
            db.IntakeItems.Add(new IntakeItem
            {
                Id = Guid.CreateVersion7(now),
                FileName = Marker("Dateiname im Posteingang") + ".pdf",
                ContentType = "application/pdf",
                Size = 10,
                ContentHash = new string('b', 64),
                ReceivedBy = clerk.User.UserName!,
                ReceivedAt = now,
                Status = IntakeStatus.WaitingForFiling,
                Title = "Scan " + Marker("Titel im Posteingang"),
                Sender = Marker("Absender im Posteingang") + "@example.org",
                Text = "Erkannter Text: " + Marker("OCR-Text"),
            });
            await db.SaveChangesAsync();
        }

        // Processes: an instance with a business key and variables, waiting at a clerk's task; one whose FEEL error quotes a value.
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var antrag = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessesApiTests.Antrag.bpmn"));
        var betrag = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "IncidentsApiTests.Betrag.bpmn"));
        (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Antrag", [new DeployResource("antrag.bpmn", antrag), new DeployResource("betrag.bpmn", betrag)]))).EnsureSuccessStatusCode();
        (await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", "BK-" + Marker("Geschäftsschlüssel"), new()
        {
            ["antragsteller"] = JsonSerializer.SerializeToElement(Marker("Prozessvariable Name")),
            ["anschrift"] = JsonSerializer.SerializeToElement(new { strasse = Marker("Prozessvariable Anschrift") }),
        }))).EnsureSuccessStatusCode();
        var quoted = Marker("Wert in einer Fehlermeldung");
        var failing = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Betrag", null, new() { ["betrag"] = JsonSerializer.SerializeToElement(quoted) }));
        Assert.Equal(HttpStatusCode.Conflict, failing.StatusCode);
        Assert.Contains(quoted, await designer.GetStringAsync("/api/incidents?open=true"), StringComparison.Ordinal);

        // A team with the clerk as member: its page lists members and offers the municipality's users.
        var team = await Administration.TeamPages.CreateTeamAsync(factory, municipality, "bauamt", "Bauamt", clerk);

        // An administrator whose display name is a marker saved the mail settings and created a webhook: both pages name who.
        Guid hookId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var admin = (await scope.ServiceProvider.GetRequiredService<PlatformAdministration>()
                .CreateUserAsync(municipality.Ags, "verwaltung-" + Guid.NewGuid().ToString("N")[..8], Marker("Anzeigename der Verwaltung"), Roles.Administration, CancellationToken.None)).Value!;
            await using var tenantScope = factory.Services.CreateTenantScope(municipality.Id);
            var platform = tenantScope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            platform.MailSettings.Add(new MunicipalityMailSettings
            {
                Id = Guid.CreateVersion7(),
                Host = "mail.example.org",
                Port = 587,
                Security = Amtsweg.Integration.Mail.MailSecurity.StartTls,
                SenderAddress = "rathaus@example.org",
                SenderName = "Rathaus",
                UpdatedBy = admin.User.UserName!,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            await platform.SaveChangesAsync();
            var (created, errors) = await tenantScope.ServiceProvider.GetRequiredService<Amtsweg.Server.Features.Administration.Webhooks.WebhookAdministration>()
                .CreateAsync("zahlung", "Zahlungseingang", "body.aktenzeichen", null, admin.User.UserName!, CancellationToken.None);
            Assert.Empty(errors);
            hookId = created!.Hook.Id;
        }

        // Every id of the municipality a route could take.
        var ids = new List<Guid> { municipality.Id, clerk.User.Id, team.Id, hookId };
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
            ids.AddRange(await db.Akten.Select(a => a.Id).ToListAsync());
            ids.AddRange(await db.Vorgaenge.Select(v => v.Id).ToListAsync());
            ids.AddRange(await db.Dokumente.Select(d => d.Id).ToListAsync());
            ids.AddRange(await db.DokumentVersionen.Select(v => v.Id).ToListAsync());
            ids.AddRange(await db.Beteiligte.Select(b => b.Id).ToListAsync());
            ids.AddRange(await db.Vermerke.Select(v => v.Id).ToListAsync());
            ids.AddRange(await db.IntakeItems.Select(i => i.Id).ToListAsync());
            ids.AddRange(await db.AktenplanPositionen.Select(p => p.Id).ToListAsync());
            var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            ids.AddRange((await engine.QueryProcessInstancesAsync(new ProcessInstanceQuery())).Select(i => i.Id));
            ids.AddRange((await engine.QueryUserTasksAsync(new UserTaskQuery())).Select(t => t.Id));
            ids.AddRange((await engine.QueryIncidentsAsync(new IncidentQuery())).Select(i => i.Id));
            ids.AddRange((await engine.ListProcessDefinitionsAsync()).Select(d => d.Id));
        }

        return new Seeded(markers, [.. ids.Distinct()], vorgangId);
    }
}
