using Puma.Cli.Output;
using Puma.Cli.Parsing;
using Puma.Cli.Tokenization;

namespace Puma.Cli.Commands;

/// <summary>
/// <c>puma tokenize</c>: the ids and tokens a model would be given for each text, with any
/// tokenizer the project reads, for debugging tokenization.
/// </summary>
internal static class TokenizeCommand
{
    private const int ShownCharacters = 100;

    private static readonly OptionSpec Model = new("model", $"model directory whose tokenizer to use (tokenizer.json, else llama2.c tokenizer.bin or tok*.bin), or '{LoadedTokenizer.UseLiteName}'", "DIR", "");
    private static readonly OptionSpec Tokenizer = new("tokenizer", "tokenizer file: Hugging Face tokenizer.json (byte-level BPE, SentencePiece BPE, WordPiece), GGUF, llama2.c tokenizer.bin, or USE-Lite vocab.json", "FILE", "");
    private static readonly OptionSpec Text = new("text", "a text to tokenize; repeat for several", "TEXT", Repeatable: true);
    private static readonly OptionSpec File = new("file", "a UTF-8 file tokenized whole, as one text", "FILE", "");
    private static readonly OptionSpec JsonReport = new("json", "print a JSON list of {text, ids, tokens} instead of the listing");

    public static CommandSpec Spec { get; } = new(
        "tokenize",
        "print the token ids and tokens of texts",
        "Encodes each text as the model would receive it: the tokenizer file's normalizer, pre-tokenizer, model and template (special tokens such as [CLS] and [SEP], or BOS for SentencePiece). Prints each text's ids and the vocabulary string of each id.",
        [Model, Tokenizer, Text, File, JsonReport],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var (model, tokenizerPath, file) = (options.Text(Model.Name), options.Text(Tokenizer.Name), options.Text(File.Name));
        if ((model.Length == 0) == (tokenizerPath.Length == 0))
            throw new UsageException("give exactly one of --model and --tokenizer.", Spec.FullName);
        var texts = options.Texts(Text.Name);
        if ((texts.Count == 0) == (file.Length == 0))
            throw new UsageException("give either --text (one or more) or --file.", Spec.FullName);
        if (file.Length != 0)
        {
            if (!System.IO.File.Exists(file)) throw options.Invalid(File.Name, "an existing file");
            texts = [System.IO.File.ReadAllText(file)];
        }

        var tokenizer = model.Length != 0 ? LoadedTokenizer.FromModel(model, Console.Error) : LoadedTokenizer.FromFile(tokenizerPath);
        var reports = texts.Select(text =>
        {
            var ids = tokenizer.Encode(text);
            return new TokenizerReport(text, ids, [.. ids.Select(tokenizer.TokenText)]);
        }).ToArray();

        if (options.Flag(JsonReport.Name))
        {
            Json.Write(output, reports);
            return PumaCommands.Success;
        }
        for (var i = 0; i < reports.Length; i++)
        {
            output.WriteLine($"[{i + 1}] {Abbreviated(reports[i].Text)}");
            output.WriteLine($"    ids ({reports[i].Ids.Length}): {string.Join(' ', reports[i].Ids)}");
            output.WriteLine($"    tokens: {string.Join(' ', reports[i].Tokens.Select(Visible))}");
        }
        return PumaCommands.Success;
    }

    /// <summary>A token with its control characters escaped (llama2.c spells BOS "\n&lt;s&gt;\n"), so each stays on the line.</summary>
    private static string Visible(string token) =>
        string.Concat(token.Select(c => c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ when char.IsControl(c) => $"\\u{(int)c:X4}", _ => c.ToString() }));

    /// <summary>The text on one line, cut after <see cref="ShownCharacters"/> characters (a --file is often long).</summary>
    private static string Abbreviated(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= ShownCharacters ? line : line[..ShownCharacters] + "…";
    }
}
