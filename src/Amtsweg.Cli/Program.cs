using Amtsweg.Cli;

return await AmtswegCommand.Create().Parse(args).InvokeAsync(AmtswegCommand.Invocation());
