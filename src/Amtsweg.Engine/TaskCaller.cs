namespace Amtsweg.Engine;

/// <summary>
/// Who works a user task: the user, the groups they belong to and whether they may reassign and unclaim tasks of others
/// (Leitung). The engine checks claim, unclaim and complete against it (Engine README, "Task permissions").
/// </summary>
/// <param name="UserId">The user name.</param>
/// <param name="Groups">The groups of the user, matched against the candidate groups of a task (case-insensitive).</param>
/// <param name="MayReassign">True for Leitung: may unclaim any task.</param>
public sealed record TaskCaller(string UserId, IReadOnlyCollection<string> Groups, bool MayReassign = false)
{
    /// <summary>True when <see cref="Groups"/> contains <paramref name="group"/>, ignoring case.</summary>
    public bool IsMemberOf(string group) => Groups.Contains(group, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The absent colleagues this caller stands in for (Vertretung): the caller may work every task one of them may work,
    /// and take over a task assigned to one of them. The four-eyes rule holds for the caller as the person who acts.
    /// </summary>
    public IReadOnlyList<TaskCaller> Represents { get; init; } = [];
}
