using Puma.Cli.Commands;

namespace Puma.Cli.Parsing;

/// <summary>Writes <c>--help</c> pages: usage, summary, then subcommands or options in aligned columns.</summary>
internal static class HelpText
{
    private const string HelpOption = "-h, --help";
    private const string HelpOptionText = "show this help";
    private const string VerboseText = "on failure, print the stack trace after the one-line error";
    private const int LineWidth = 96;

    public static void Write(CommandParser parser, CommandSpec command, TextWriter output)
    {
        string arguments = string.Concat(command.Positionals.Select(a => " " + a.Synopsis));
        output.WriteLine($"Usage: {command.FullName} {(command.IsGroup ? "<command> [options]" : "[options]")}{arguments}");
        output.WriteLine();
        foreach (string line in Wrap(command.Description)) output.WriteLine(line);
        output.WriteLine();
        if (command.IsGroup)
        {
            var runnable = parser.RunnableBelow(command).ToArray();
            output.WriteLine("Commands:");
            WriteColumns(output, runnable.Select(c => (c.Path, c.Summary)));
            output.WriteLine();
            output.WriteLine($"Run '{command.FullName} <command> --help' for a command's options.");
            output.WriteLine();
            output.WriteLine("Options:");
            var global = new List<(string, string)> { (PumaCommands.VerboseFlag, VerboseText), (HelpOption, HelpOptionText) };
            if (command.Path.Length == 0) global.Insert(0, (PumaCommands.VersionFlag, "print the version and exit"));
            WriteColumns(output, global);
            return;
        }
        if (command.Positionals.Count > 0)
        {
            output.WriteLine("Arguments:");
            WriteColumns(output, command.Positionals.Select(a => (a.Synopsis, a.Help)));
            output.WriteLine();
        }
        output.WriteLine("Options:");
        var rows = command.Options
            .Select(o => (o.Synopsis, string.IsNullOrEmpty(o.DefaultValue) ? o.Help : $"{o.Help} (default: {o.DefaultValue})"))
            .Append((PumaCommands.VerboseFlag, VerboseText))
            .Append((HelpOption, HelpOptionText));
        WriteColumns(output, rows);
    }

    private static void WriteColumns(TextWriter output, IEnumerable<(string Left, string Right)> rows)
    {
        var list = rows.ToList();
        int width = list.Max(r => r.Left.Length) + 3;
        foreach (var (left, right) in list) output.WriteLine($"  {left.PadRight(width)}{right}");
    }

    private static IEnumerable<string> Wrap(string text)
    {
        var line = new System.Text.StringBuilder();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > LineWidth)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }
}
