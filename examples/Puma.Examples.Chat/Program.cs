// Private inference through Microsoft.Extensions.AI: see ChatExample.
return await Puma.Examples.Chat.ChatExample.MainAsync(args, Console.Out, Console.Error);
