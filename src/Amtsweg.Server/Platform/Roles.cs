namespace Amtsweg.Server.Platform;

/// <summary>The roles of Amtsweg (DESIGN.md, "The people who use it").</summary>
public static class Roles
{
    /// <summary>Clerk: works tasks and files.</summary>
    public const string Sachbearbeitung = "Sachbearbeitung";

    /// <summary>Head of office: approves, watches deadlines.</summary>
    public const string Leitung = "Leitung";

    /// <summary>Process designer.</summary>
    public const string Prozessgestaltung = "Prozessgestaltung";

    /// <summary>Municipal administrator.</summary>
    public const string Administration = "Administration";

    /// <summary>Operator at the IT service provider: manages tenants, never reads case content.</summary>
    public const string Betrieb = "Betrieb";

    /// <summary>Every role, in the order the UI lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Sachbearbeitung, Leitung, Prozessgestaltung, Administration, Betrieb];

    /// <summary>Roles that work with case content inside one municipality.</summary>
    public static IReadOnlyList<string> CaseWork { get; } = [Sachbearbeitung, Leitung, Prozessgestaltung, Administration];
}
