using AdherenceSync.Cli;

return await CliApp.RunAsync(args, CliEnvironment.FromProcess());
