using System.Text.Json;

namespace Puma.Cli.Tests;

public class ClassifyCommandTests
{
    [Fact]
    public void PlaintextClassifiesTheFixtureExampleAsItsLogitsSay()
    {
        if (SharedData.Path("models", "bert-spam") is not { } model) return;
        using var example = JsonDocument.Parse(File.ReadLines(SharedData.Path("data", "spam-eval.jsonl")!).First());
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

    [Fact]
    public void TableShowsEachClass()
    {
        if (SharedData.Path("models", "bert-spam") is not { } model) return;

        var outcome = Cli.Run("classify", "--model", model, "--text", "Meeting moved to 3pm, see you there", "--plaintext");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("ham", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("spam", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("(plaintext)", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void LanguageModelIsRefused()
    {
        if (SharedData.Path("models", "gpt2-sotu") is not { } model) return;

        var outcome = Cli.Run("classify", "--model", model, "--text", "hi", "--plaintext");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("BERT classifier", outcome.Error, StringComparison.Ordinal);
    }
}
