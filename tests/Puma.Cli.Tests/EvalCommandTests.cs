using System.Text.Json;
using Puma.Models.Llama2c;
using Puma.Models.Reference;
using Puma.Models.Tokenizers;

namespace Puma.Cli.Tests;

public class EvalCommandTests
{
    [SkippableFact]
    public void Gpt2PlaintextPerplexityMatchesTheReferenceComputedHere()
    {
        var model = SharedData.Path("models", "gpt2-sotu");
        var data = SharedData.Path("data", "sotu-eval");

        var outcome = Cli.Run("eval", "--model", model, "--data", data, "--limit", "2", "--plaintext-only", "--json");

        Assert.Equal(0, outcome.ExitCode);
        var report = Report(outcome.Output);
        Assert.Equal(2, report.GetProperty("n").GetInt32());
        Assert.Equal(2, report.GetProperty("windows").GetInt32());
        Assert.False(report.TryGetProperty("perplexity_secure", out _));
        Assert.Equal(IndependentPerplexity(model, data, files: 2), report.GetProperty("perplexity_plaintext").GetDouble(), 9);
    }

    [SkippableFact]
    public void BertPlaintextAccuracyIsTheFixtureAccuracy()
    {
        var model = SharedData.Path("models", "bert-spam");
        var data = SharedData.Path("data", "spam-eval.jsonl");
        var expected = File.ReadLines(data).Take(20).Average(line =>
        {
            using var example = JsonDocument.Parse(line);
            var logits = example.RootElement.GetProperty("logits").EnumerateArray().Select(l => l.GetDouble()).ToArray();
            var predicted = Array.IndexOf(logits, logits.Max());
            return predicted == example.RootElement.GetProperty("label").GetInt32() ? 1.0 : 0.0;
        });

        var outcome = Cli.Run("eval", "--model", model, "--data", data, "--limit", "20", "--plaintext-only", "--json");

        Assert.Equal(0, outcome.ExitCode);
        var report = Report(outcome.Output);
        Assert.Equal(20, report.GetProperty("n").GetInt32());
        Assert.Equal(expected, report.GetProperty("accuracy_plaintext").GetDouble(), 12);
        Assert.False(report.TryGetProperty("agreement", out _));
    }

    [SkippableFact]
    public void LlamaPlaintextPerplexityMatchesTheReferenceComputedHere()
    {
        var model = SharedData.Path("models", "stories260k");
        using var folder = new TemporaryFolder();
        var data = folder.File("story.txt", "Once upon a time, there was a little girl named Lily. She loved to play outside.");
        using var checkpoint = Llama2cCheckpoint.Open(Path.Combine(model, "stories260K.bin"));
        var ids = SentencePieceTokenizer.LoadLlama2c(Path.Combine(model, "tok512.bin")).Encode(File.ReadAllText(data));
        var reference = new LlamaReference(checkpoint);
        double loss = 0;
        for (var t = 0; t + 1 < ids.Length; t++)
        {
            var logits = reference.Forward(ids[t]);
            var max = logits.Max();
            loss += Math.Log(logits.Sum(value => Math.Exp(value - max))) + max - logits[ids[t + 1]];
        }

        var outcome = Cli.Run("eval", "--model", model, "--data", data, "--plaintext-only", "--json");

        Assert.Equal(0, outcome.ExitCode);
        var report = Report(outcome.Output);
        Assert.Equal(ids.Length - 1, report.GetProperty("tokens").GetInt32());
        Assert.Equal(Math.Exp(loss / (ids.Length - 1)), report.GetProperty("perplexity_plaintext").GetDouble(), 9);
    }

    [SkippableFact]
    public void TableNamesTheMetric()
    {
        var model = SharedData.Path("models", "bert-spam");

        var outcome = Cli.Run("eval", "--model", model, "--data", SharedData.Path("data", "spam-eval.jsonl"), "--limit", "3", "--plaintext-only");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("3 examples", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("accuracy", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModelDirectoryFails()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"puma-missing-{Guid.NewGuid():N}");

        var outcome = Cli.Run("eval", "--model", missing, "--data", "x.jsonl", "--plaintext-only");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"'{missing}' does not exist", outcome.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void BadJsonlLineIsNamedByFileAndLine()
    {
        var model = SharedData.Path("models", "bert-spam");
        using var folder = new TemporaryFolder();
        var data = folder.File("bad.jsonl", "{\"text\": \"hello\", \"label\": 0}\n{\"text\": \"oops\", \"label\": 1\n");

        var outcome = Cli.Run("eval", "--model", model, "--data", data, "--plaintext-only");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"'{data}', line 2: not valid JSON", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownModelTypeNamesTheConfigFile()
    {
        using var folder = new TemporaryFolder();
        var config = folder.File("config.json", "{\"model_type\": \"t5\", \"architectures\": [\"T5ForConditionalGeneration\"]}");

        var outcome = Cli.Run("eval", "--model", folder.Path, "--data", "x.txt");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"'{config}', 'model_type': 't5' is not supported", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownArchitectureWithoutModelTypeNamesTheConfigFile()
    {
        using var folder = new TemporaryFolder();
        var config = folder.File("config.json", "{\"architectures\": [\"WhisperModel\"]}");

        var outcome = Cli.Run("classify", "--model", folder.Path, "--text", "hi");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"'{config}', 'architectures': [WhisperModel] is not supported", outcome.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void EmptyTextFolderIsAnError()
    {
        var model = SharedData.Path("models", "gpt2-sotu");
        using var folder = new TemporaryFolder();

        var outcome = Cli.Run("eval", "--model", model, "--data", folder.Path, "--plaintext-only");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("holds no .txt files", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--help" }, "classify")]
    [InlineData(new[] { "--help" }, "eval")]
    [InlineData(new[] { "eval", "--help" }, "--windows <K>")]
    [InlineData(new[] { "eval", "--help" }, "--plaintext-only")]
    [InlineData(new[] { "classify", "--help" }, "--text <TEXT>")]
    public void HelpDescribesTheCommands(string[] args, string expected)
    {
        var outcome = Cli.Run(args);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains(expected, outcome.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--model")]
    [InlineData("--data")]
    public void ModelAndDataAreRequired(string missing)
    {
        string[] args = missing == "--model" ? ["eval", "--data", "x"] : ["eval", "--model", "x"];

        var outcome = Cli.Run(args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(missing, outcome.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// exp of the mean −log p(next token) over positions 1..127 of the first 128 tokens of the first
    /// <paramref name="files"/> documents (ordinal name order), from the plaintext reference's logits.
    /// </summary>
    private static double IndependentPerplexity(string model, string data, int files)
    {
        var weights = Gpt2Weights.Load(model);
        var tokenizer = ByteLevelBpeTokenizer.Load(Path.Combine(model, "tokenizer.json"));
        var reference = new Gpt2Reference(weights);
        var vocab = weights.Config.VocabSize;
        double loss = 0;
        var count = 0;
        foreach (var file in Directory.GetFiles(data, "*.txt").Order(StringComparer.Ordinal).Take(files))
        {
            var ids = tokenizer.Tokenize(File.ReadAllText(file))[..128];
            var logits = reference.Logits(ids);
            for (var t = 0; t < 127; t++)
            {
                var row = logits.AsSpan(t * vocab, vocab).ToArray();
                var max = row.Max();
                loss += Math.Log(row.Sum(value => Math.Exp(value - max))) + max - row[ids[t + 1]];
                count++;
            }
        }
        return Math.Exp(loss / count);
    }

    private static JsonElement Report(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement[0].Clone();
    }
}
