using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Start;

/// <summary>
/// The case-work sections whose features are not built yet. The page says what will be there and shows no
/// data; each section leaves this page when its feature folder takes over its route.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class SectionModel : PageModel
{
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["aufgaben"] = "Tasks",
        ["prozesse"] = "Processes",
    };

    public string Key { get; private set; } = "";

    public void OnGet(string section) => Key = Keys[section];
}
