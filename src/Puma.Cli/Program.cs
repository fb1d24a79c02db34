Puma.Cli.SocketCompletions.RunInline();
return Puma.Cli.Commands.PumaCommands.Run(args, Console.Out, Console.Error);
