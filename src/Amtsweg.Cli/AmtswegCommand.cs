using System.CommandLine;
using Amtsweg.Cli.Commands;

namespace Amtsweg.Cli;

/// <summary>
/// The <c>amtsweg</c> command with all its subcommands. <c>Program</c> runs it; the CLI tests run the same command in
/// their own process (with standard output and error of their own), which spares a process start and the building of
/// every model per call.
/// </summary>
internal static class AmtswegCommand
{
    /// <summary>The root command, German help included.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Amtsweg – Prozesse, E-Akte und Fachverfahren für Rathäuser.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        var tenant = TenantCommand.Create();
        tenant.Subcommands.Add(TenantTransferCommand.CreateExport());
        tenant.Subcommands.Add(TenantTransferCommand.CreateImport());
        root.Subcommands.Add(tenant);
        root.Subcommands.Add(UserCommand.Create());
        root.Subcommands.Add(ClientCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(XdomeaCommand.Create());
        root.Subcommands.Add(AktenplanCommand.Create());
        root.Subcommands.Add(PrivacyCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        var search = SearchCommand.Create();
        search.Subcommands.Add(ReindexCommand.Create());
        root.Subcommands.Add(search);
        root.Subcommands.Add(HistoryCommand.Create());
        root.Subcommands.Add(FeelCommand.Create());
        root.Subcommands.Add(DmnCommand.Create());
        root.Subcommands.Add(FormCommand.Create());
        root.Subcommands.Add(BpmnCommand.Create(BpmnRunCommand.Create(), BpmnTestCommand.Create()));
        root.Subcommands.Add(PackageCommand.Create());
        root.Subcommands.Add(KatalogCommand.Create());
        root.Subcommands.Add(InstancesCommand.Create());
        root.Subcommands.Add(JobsCommand.Create());
        root.Subcommands.Add(IncidentsCommand.Create());
        root.Subcommands.Add(DeployCommand.Create());
        root.Subcommands.Add(TimersCommand.Create());
        root.Subcommands.Add(MessagesCommand.Create());
        root.Subcommands.Add(MessagesCommand.CreateSignals());
        CliOptions.AddData(root);
        GermanHelpAction.Use(root);
        return root;
    }

    /// <summary>
    /// How a parsed command is invoked: the host handles Ctrl+C and SIGTERM itself and shuts down gracefully; the
    /// parser must not cut that short.
    /// </summary>
    public static InvocationConfiguration Invocation() => new() { ProcessTerminationTimeout = null };
}
