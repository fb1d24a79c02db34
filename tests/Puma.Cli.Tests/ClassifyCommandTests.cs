using System.Text.Json;

namespace Puma.Cli.Tests;

public class ClassifyCommandTests
{
    [SkippableFact]
    public void PlaintextClassifiesTheFixtureExampleAsItsLogitsSay()
    {
        var model = SharedData.Path("models", "bert-spam");
        using var example = JsonDocument.Parse(File.ReadLines(SharedData.Path("data", "spam-eval.jsonl")).First());
        var text = example.RootElement.GetProperty("text").GetString()!;
        var fixtureLogits = example.RootElement.GetProperty("logits").EnumerateArray().Select(l => l.GetDouble()).ToArray();

        var outcome = Cli.Run("classify", "--model", model, "--text", text, "--plaintext", "--json");

        Assert.Equal(0, outcome.ExitCode);
        using var document = JsonDocument.Parse(outcome.Output);
        var report = document.RootElement[0];
        Assert.Equal(fixtureLogits[1] > fixtureLogits[0] ? "spam" : "ham", report.GetProperty("label").GetString());
        var logits = report.GetProperty("logits_plaintext").EnumerateArray().Select(l => l.GetDouble()).ToArray();
        Assert.Equal(fixtureLogits, logits, (a, b) => Math.Abs(a - b) < 1e-3);
        var probabilities = report.GetProperty("probabilities_plaintext").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        Assert.Equal(1, probabilities.Sum(), 12);
        Assert.False(report.TryGetProperty("label_secure", out _));
    }

    [SkippableFact]
    public void TableShowsEachClass()
    {
        var model = SharedData.Path("models", "bert-spam");

        var outcome = Cli.Run("classify", "--model", model, "--text", "Meeting moved to 3pm, see you there", "--plaintext");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("ham", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("spam", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("(plaintext)", outcome.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void LanguageModelIsRefused()
    {
        var model = SharedData.Path("models", "gpt2-sotu");

        var outcome = Cli.Run("classify", "--model", model, "--text", "hi", "--plaintext");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("BERT classifier", outcome.Error, StringComparison.Ordinal);
    }
}
