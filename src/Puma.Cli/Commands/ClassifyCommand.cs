using Puma.Cli.Classification;
using Puma.Cli.Evaluation;
using Puma.Cli.ModelFiles;
using Puma.Cli.Output;
using Puma.Cli.Parsing;
using Puma.Models.Evaluation;
using Puma.Models.Tokenizers;

namespace Puma.Cli.Commands;

/// <summary><c>puma classify</c>: one text through a BERT sequence classifier, secure next to plaintext.</summary>
internal static class ClassifyCommand
{
    private static readonly OptionSpec Model = new("model", "Hugging Face BERT classifier directory (config.json, model.safetensors, tokenizer.json: WordPiece or byte-level BPE)", "DIR", "");
    private static readonly OptionSpec Text = new("text", "text to classify", "TEXT", "");
    private static readonly OptionSpec Tokenizer = new("tokenizer", "tokenizer.json (default: the one in the model directory)", "PATH", "");
    private static readonly OptionSpec Plaintext = new("plaintext", "run only the plaintext double-precision reference");
    private static readonly OptionSpec JsonReport = new("json", "print labels, probabilities and logits as JSON instead of a table");

    public static CommandSpec Spec { get; } = new(
        "classify",
        "classify a text with a BERT model on secret shares",
        "Party 0 shares the classifier, the client shares its tokens, three in-process parties run BERT on shares and reveal the class logits to the client alone, who turns them into probabilities. The plaintext reference runs on the same tokens and is printed alongside.",
        [Model, Text, Tokenizer, Plaintext, JsonReport, .. SecureRun.Declared],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var directory = options.Text(Model.Name);
        if (directory.Length == 0) throw options.Invalid(Model.Name, "a model directory");
        var text = options.NonEmptyText(Text.Name);
        var tokenizerPath = options.OptionalFile(Tokenizer.Name);
        var run = SecureRun.Read(options);
        var plaintext = options.Flag(Plaintext.Name);
        if (ModelKinds.Detect(directory) != ModelKind.Bert)
            throw options.Invalid(Model.Name, "a BERT classifier directory (use 'puma run' or 'puma eval' for language models)");

        using var progress = ProgressRenderer.For(error);
        var model = BertDirectory.Load(directory, tokenizerPath, progress);
        EncodedText[] input = [model.Encode(text)];
        var plain = new PlainBertLogits(model.Weights).Run(input);
        var secure = plaintext ? null : SecureBackends.BertLogits(model.Weights, run.Options, progress).Run(input);
        var report = Report(model, text, input[0].Ids.Length, plain, secure);
        if (options.Flag(JsonReport.Name)) Json.Write(output, [report]);
        else ClassifyTable.Write(report, output);
        run.SaveProfile(Console.Error);
        return PumaCommands.Success;
    }

    private static ClassifyReport Report(BertDirectory model, string text, int tokens, LogitsBatch plain, LogitsBatch? secure)
    {
        string LabelOf(double[] logits) => model.Labels[ClassificationTally.Predict(logits)];
        var plainLogits = plain.Rows[0];
        var secureLogits = secure?.Rows[0];
        return new ClassifyReport(
            text, tokens, model.Labels,
            LabelOf(secureLogits ?? plainLogits),
            LabelOf(plainLogits),
            secureLogits is null ? null : LabelOf(secureLogits),
            Probabilities.Softmax(plainLogits),
            secureLogits is null ? null : Probabilities.Softmax(secureLogits),
            plainLogits,
            secureLogits,
            plain.Elapsed.TotalSeconds,
            secure?.Elapsed.TotalSeconds,
            secure?.BytesSent);
    }
}
