using System.Text.Json;
using Amtsweg.Casework;

namespace Amtsweg.Server.Features.Processes.StartInstance;

/// <summary>
/// Request to start a process instance by its process id (latest version). With <paramref name="Vorgang"/> the
/// instance is filed in the e-file: it opens or attaches to that Vorgang and runs under its Aktenzeichen as business
/// key (then no business key may be given).
/// </summary>
public sealed record StartInstanceRequest(string ProcessId, string? BusinessKey, Dictionary<string, JsonElement>? Variables, VorgangTarget? Vorgang = null);
