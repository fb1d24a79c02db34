using System.Text.Json;

namespace Puma.Cli.Tests;

/// <summary>
/// The secure paths of classify, eval and run, on inputs of a few tokens so each three-party run
/// stays short: secure results must match the plaintext ones the same command prints.
/// </summary>
public class SecureCommandTests
{
    [SkippableFact]
    public void SecureClassificationAgreesWithPlaintext()
    {
        var model = SharedData.Path("models", "bert-spam");

        var outcome = Cli.Run("classify", "--model", model, "--text", "WIN a FREE prize now, click here", "--json");

        Assert.Equal(0, outcome.ExitCode);
        var report = Report(outcome.Output);
        Assert.Equal(report.GetProperty("label_plaintext").GetString(), report.GetProperty("label_secure").GetString());
        var plain = Doubles(report, "probabilities_plaintext");
        var secure = Doubles(report, "probabilities_secure");
        Assert.Equal(plain, secure, (a, b) => Math.Abs(a - b) < 0.01);
        Assert.True(report.GetProperty("bytes_secure").GetInt64() > 0);
    }

    [SkippableFact]
    public void SecureClassifierEvaluationReportsAgreement()
    {
        var model = SharedData.Path("models", "bert-spam");
        using var folder = new TemporaryFolder();
        var data = folder.File("tiny.jsonl", "{\"text\": \"Lunch tomorrow?\", \"label\": \"ham\"}\n{\"text\": \"FREE money!!! click\", \"label\": 1}\n");

        var outcome = Cli.Run("eval", "--model", model, "--data", data, "--limit", "2", "--json");

        Assert.Equal(0, outcome.ExitCode);
        var report = Report(outcome.Output);
        Assert.Equal(2, report.GetProperty("n").GetInt32());
        Assert.Equal(1, report.GetProperty("agreement").GetDouble());
        Assert.Equal(report.GetProperty("accuracy_plaintext").GetDouble(), report.GetProperty("accuracy_secure").GetDouble());
        Assert.InRange(report.GetProperty("cosine_min").GetDouble(), 0.999, 1.0);
    }

    [SkippableFact]
    public void SecurePerplexityIsCloseToPlaintext()
    {
        var model = SharedData.Path("models", "gpt2-sotu");
        using var folder = new TemporaryFolder();
        folder.File("speech.txt", "Fellow citizens of the Senate and House of Representatives: I congratulate you.");

        var outcome = Cli.Run("eval", "--model", model, "--data", folder.Path, "--limit", "1", "--json");

        Assert.Equal(0, outcome.ExitCode);
        var report = Report(outcome.Output);
        var plain = report.GetProperty("perplexity_plaintext").GetDouble();
        Assert.InRange(report.GetProperty("perplexity_secure").GetDouble(), plain * 0.98, plain * 1.02);
        Assert.InRange(report.GetProperty("cosine_min").GetDouble(), 0.999, 1.0);
    }

    [SkippableFact]
    public void SecureLlamaPerplexityIsCloseToPlaintext()
    {
        var model = SharedData.Path("models", "stories260k");
        using var folder = new TemporaryFolder();
        var data = folder.File("story.txt", "Once upon a time, there was");

        var outcome = Cli.Run("eval", "--model", model, "--data", data, "--json");

        Assert.Equal(0, outcome.ExitCode);
        var report = Report(outcome.Output);
        Assert.Equal("llama", report.GetProperty("kind").GetString());
        var plain = report.GetProperty("perplexity_plaintext").GetDouble();
        Assert.InRange(report.GetProperty("perplexity_secure").GetDouble(), plain * 0.98, plain * 1.02);
    }

    [SkippableFact]
    public void SecureGpt2GenerationIsThePlaintextGeneration()
    {
        var model = SharedData.Path("models", "gpt2-sotu");

        var secure = Cli.Run("run", "--model", model, "--prompt", "Fellow citizens", "--max-tokens", "2", "--json");
        var plain = Cli.Run("run", "--model", model, "--prompt", "Fellow citizens", "--max-tokens", "2", "--json", "--plaintext");

        Assert.Equal(0, secure.ExitCode);
        Assert.Equal(0, plain.ExitCode);
        var secureIds = Ints(Report(secure.Output), "generated_ids");
        Assert.Equal(2, secureIds.Length);
        Assert.Equal(Ints(Report(plain.Output), "generated_ids"), secureIds);
    }

    private static JsonElement Report(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement[0].Clone();
    }

    private static double[] Doubles(JsonElement report, string name) => [.. report.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    private static int[] Ints(JsonElement report, string name) => [.. report.GetProperty(name).EnumerateArray().Select(v => v.GetInt32())];
}
