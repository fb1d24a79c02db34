using System.Diagnostics;
using Puma.Cli.Commands;
using Puma.Cli.Embedding;
using Puma.Cli.Evaluation;
using Puma.Cli.Generation;
using Puma.Cli.Output;
using Puma.Cli.Parsing;
using Puma.Models.Bundles;
using Puma.Models.Evaluation;
using Puma.Models.Serving;
using Puma.Serving;

namespace Puma.Cli.Serving;

/// <summary>
/// <c>puma client --cluster FILE --model DIR/client run|classify|embed|eval ...</c>: the client of three
/// party servers. It tokenizes locally, shares its tokens with the parties and alone reconstructs
/// the outputs.
/// </summary>
internal static class ClientCommand
{
    private static readonly OptionSpec Model = new("model", "the model's client folder (client/ of 'puma share')", "DIR", "");
    private static readonly OptionSpec Prompt = new("prompt", "text to continue", "TEXT", "");
    private static readonly OptionSpec MaxTokens = new("max-tokens", "tokens to generate", "N", "32");
    private static readonly OptionSpec Text = new("text", "text to classify", "TEXT", "");
    private static readonly OptionSpec Sentences = new("text", "a sentence to embed; repeat for several", "TEXT", Repeatable: true);
    private static readonly OptionSpec JsonReport = new("json", "print JSON instead of text");

    private static readonly OptionSpec[] Connection = [ClusterLinks.ClusterOption, Model, ClusterLinks.Timeout, ClusterLinks.InsecurePlaintext];

    public static CommandSpec Group { get; } = new("client", "", "The client of three 'puma party' servers: 'puma client --cluster FILE --model DIR/client run|classify|embed|eval ...'.", [], null);

    public static CommandSpec Run { get; } = new(
        "client run",
        "generate text through three party servers",
        "Tokenizes the prompt here, shares it with the three parties as one-hot rows and prints each greedy token as the parties reveal it to this client alone (GPT-2 or LLaMA bundles).",
        [.. Connection, Prompt, MaxTokens, JsonReport],
        ExecuteRun);

    public static CommandSpec Classify { get; } = new(
        "client classify",
        "classify a text through three party servers",
        "Tokenizes the text here, shares it with the three parties, and turns the class logits that only this client receives into probabilities (BERT bundles).",
        [.. Connection, Text, JsonReport],
        ExecuteClassify);

    public static CommandSpec Embed { get; } = new(
        "client embed",
        "embed sentences through three party servers",
        "Tokenizes each sentence here, shares it with the three parties as one-hot rows, and prints the USE-Lite embeddings that only this client receives (use-lite bundles).",
        [.. Connection, Sentences, JsonReport],
        ExecuteEmbed);

    public static CommandSpec Eval { get; } = new(
        "client eval",
        "secure perplexity or accuracy on a data set through three party servers",
        "'puma eval' without the plaintext reference (this client has no weights), on the same inputs: GPT-2 bundles, perplexity over the first K 128-token windows of each .txt file; BERT classifiers, accuracy against the labels; USE-Lite, the sentences embedded and the time. LLaMA bundles serve generation only.",
        [.. Connection, EvalCommand.Data, EvalCommand.Windows, EvalCommand.Limit, JsonReport],
        ExecuteEval);

    /// <summary>Lets the connection options come before the subcommand, as in <c>puma client --cluster F --model D run</c>.</summary>
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || args[0] != "client" || !args[1].StartsWith("--", StringComparison.Ordinal)) return args;
        var leading = new List<string>();
        var index = 1;
        while (index < args.Count && args[index].StartsWith("--", StringComparison.Ordinal))
        {
            leading.Add(args[index++]);
            var isFlag = Connection.FirstOrDefault(option => option.Synopsis.StartsWith(leading[^1].Split('=')[0], StringComparison.Ordinal))?.IsFlag ?? false;
            if (!isFlag && !leading[^1].Contains('=') && index < args.Count) leading.Add(args[index++]);
        }
        return index < args.Count ? ["client", args[index], .. leading, .. args.Skip(index + 1)] : args;
    }

    private static int ExecuteRun(ParsedOptions options, TextWriter output, TextWriter error)
    {
        using var session = Session.Open(options, ModelFamilies.Gpt2, ModelFamilies.Llama);
        var prompt = options.Text(Prompt.Name);
        if (prompt.Length == 0) throw options.Invalid(Prompt.Name, "a non-empty prompt");
        var maxTokens = options.Integer(MaxTokens.Name, 0, 1 << 16);
        var json = options.Flag(JsonReport.Name);
        var promptIds = session.Tokenizer.Encode(prompt);
        if (promptIds.Length == 0) throw options.Invalid(Prompt.Name, "a prompt with at least one token");
        var text = session.Tokenizer.Continuing(promptIds);
        // The prompt is echoed with the first token, so a request that fails prints nothing but its error.
        var echoed = json;
        var ids = new List<int>();
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        foreach (var id in session.Client.GenerateAsync(promptIds, maxTokens).ToBlockingEnumerable())
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            ids.Add(id);
            if (json) continue;
            if (!echoed) output.Write(prompt);
            echoed = true;
            output.Write(text.Next(id));
            output.Flush();
        }
        if (json)
        {
            Json.Write(output, [new RunReport(prompt, promptIds, [.. ids], session.Tokenizer.Decode([.. ids], promptIds[^1]), false, [.. times])]);
        }
        else
        {
            output.WriteLine((echoed ? "" : prompt) + text.Flush());
        }
        return PumaCommands.Success;
    }

    private static int ExecuteClassify(ParsedOptions options, TextWriter output, TextWriter error)
    {
        using var session = Session.Open(options, ModelFamilies.Bert);
        var text = options.Text(Text.Name);
        if (text.Length == 0) throw options.Invalid(Text.Name, "a non-empty text");
        var input = session.Tokenizer.EncodeWithTypes(text);
        var clock = Stopwatch.StartNew();
        var logits = session.Client.ClassifyAsync([input]).GetAwaiter().GetResult()[0];
        var labels = session.Client.Model.Labels;
        var probabilities = Probabilities.Softmax(logits);
        var report = new ClientClassifyReport(text, input.Ids.Length, labels[ClassificationTally.Predict(logits)], labels, probabilities, logits, clock.Elapsed.TotalSeconds);
        if (options.Flag(JsonReport.Name)) Json.Write(output, [report]);
        else report.Write(output);
        return PumaCommands.Success;
    }

    private static int ExecuteEmbed(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var texts = options.NonEmptyTexts(Sentences.Name);
        if (texts.Count == 0) throw new UsageException("give at least one '--text <TEXT>' to embed.", options.Command.FullName);
        using var session = Session.Open(options, ModelFamilies.UseLite);
        var ids = texts.Select(session.Tokenizer.Encode).ToArray();
        var empty = Array.FindIndex(ids, sentence => sentence.Length == 0);
        if (empty >= 0) throw options.Invalid(Sentences.Name, "a sentence with at least one token", texts[empty]);
        var clock = Stopwatch.StartNew();
        var embeddings = session.Client.EmbedAsync(ids).GetAwaiter().GetResult();
        if (options.Flag(JsonReport.Name)) Json.Write(output, [.. texts.Select((text, i) => new EmbedReport(text, ids[i], embeddings[i]))]);
        else ClientEmbedReport.Write(output, texts, ids, embeddings, clock.Elapsed.TotalSeconds);
        return PumaCommands.Success;
    }

    private static int ExecuteEval(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var data = options.Text(EvalCommand.Data.Name);
        if (data.Length == 0) throw options.Invalid(EvalCommand.Data.Name, "a data file or folder");
        if (File.Exists(data) && File.ReadLines(data).All(string.IsNullOrWhiteSpace)) throw options.Invalid(EvalCommand.Data.Name, "a file with at least one example (this one is empty)");
        var windows = options.Integer(EvalCommand.Windows.Name, 1, 1 << 20);
        var limit = options.Integer(EvalCommand.Limit.Name, 0, int.MaxValue);
        using var session = Session.Open(options, ModelFamilies.Gpt2, ModelFamilies.Bert, ModelFamilies.UseLite);
        using var progress = ProgressRenderer.For(error);
        var report = ClientEval.Run(session.Client, session.Tokenizer, data, limit == 0 ? null : limit, windows, progress);
        if (options.Flag(JsonReport.Name)) Json.Write(output, [report]);
        else EvalTable.Write(report, output);
        return PumaCommands.Success;
    }

    /// <summary>The client and its tokenizer for one command.</summary>
    private sealed class Session : IDisposable
    {
        private Session(PumaClient client, ClientTokenizer tokenizer)
        {
            Client = client;
            Tokenizer = tokenizer;
        }

        public PumaClient Client { get; }

        public ClientTokenizer Tokenizer { get; }

        /// <param name="families">The bundle families the command serves; another is a usage error naming the folder's.</param>
        public static Session Open(ParsedOptions options, params string[] families)
        {
            var folder = options.Text(Model.Name);
            if (folder.Length == 0) throw options.Invalid(Model.Name, "the model's client folder (client/ of 'puma share')");
            var links = ClusterLinks.Read(options, Puma.Transport.ClusterFile.ClientId);
            var client = PumaClient.ConnectAsync(new PumaClientOptions { Parties = links.Parties, Transport = links.Transport, ModelFolder = folder }).GetAwaiter().GetResult();
            try
            {
                if (!families.Contains(client.Model.Family))
                    throw options.Invalid(Model.Name, $"the client folder of a {string.Join(" or ", families)} bundle, not of a {client.Model.Family} one");
                return new Session(client, ClientTokenizer.Open(folder, client.Model));
            }
            catch
            {
                client.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw;
            }
        }

        public void Dispose() => Client.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
