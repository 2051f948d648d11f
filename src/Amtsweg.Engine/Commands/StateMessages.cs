namespace Amtsweg.Engine.Commands;

/// <summary>
/// The German messages of states that a concurrent change leaves behind (the token moved on between reading a task or
/// job and acting on it). They reach clerks and workers as 409 problems, so they name no ids.
/// </summary>
internal static class StateMessages
{
    public const string TaskNotWaiting = "Diese Aufgabe gehört zu keinem wartenden Schritt mehr; der Vorgang ist inzwischen weitergegangen.";

    public const string JobNotWaiting = "Dieser Auftrag gehört zu keinem wartenden Schritt mehr; der Vorgang ist inzwischen weitergegangen.";
}
