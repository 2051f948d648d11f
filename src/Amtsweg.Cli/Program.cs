using System.CommandLine;
using Amtsweg.Cli;
using Amtsweg.Cli.Commands;

var root = new RootCommand("Amtsweg – Prozesse, E-Akte und Fachverfahren für Rathäuser.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(DbCommand.Create());
root.Subcommands.Add(TenantCommand.Create());
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
root.Subcommands.Add(InstancesCommand.Create());
root.Subcommands.Add(JobsCommand.Create());
root.Subcommands.Add(IncidentsCommand.Create());
root.Subcommands.Add(DeployCommand.Create());
root.Subcommands.Add(TimersCommand.Create());
root.Subcommands.Add(MessagesCommand.Create());
root.Subcommands.Add(MessagesCommand.CreateSignals());
CliOptions.AddData(root);
GermanHelpAction.Use(root);

// The host handles Ctrl+C and SIGTERM itself and shuts down gracefully; the parser must not cut that short.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
