using Amtsweg.Server;

// The server on its own (development and the test factory). Operators start it with `./amtsweg serve`.
var app = AmtswegApp.Build(AmtswegApp.CreateBuilder(args));
await app.RunAsync();

/// <summary>Entry point, visible to the test factory.</summary>
public partial class Program;
