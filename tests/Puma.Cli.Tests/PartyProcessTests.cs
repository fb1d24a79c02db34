using System.Globalization;
using System.Text.Json;

namespace Puma.Cli.Tests;

/// <summary>
/// <c>puma share</c>, three <c>puma party</c> processes over mutual TLS on loopback and a
/// <c>puma client</c> process answer as the embedded commands do.
/// </summary>
[Collection(PartyProcessCollection.Name)]
public sealed class PartyProcessTests : IDisposable
{
    private static readonly TimeSpan ClientLimit = TimeSpan.FromMinutes(3);

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SkippableTheory]
    [InlineData("stories260k", "Once upon a time", 6)]
    [InlineData("gpt2-sotu", "The state of our union", 3)]
    public void GeneratedIdsEqualTheEmbeddedRun(string name, string prompt, int maxTokens)
    {
        var model = SharedData.Path("models", name);
        var bundle = PartyProcesses.Share(model, Path.Combine(_folder.Path, "bundle"));
        using var parties = new PartyProcesses(_folder.Path, bundle);

        var client = parties.Client(bundle, ["run", "--prompt", prompt, "--max-tokens", $"{maxTokens}", "--json"]);

        Assert.True(client.WaitForExit(ClientLimit) == 0, client.Describe());
        var embedded = Cli.Run("run", "--model", model, "--prompt", prompt, "--max-tokens", $"{maxTokens}", "--json");
        Assert.True(embedded.ExitCode == 0, embedded.Error);
        var ids = RunJson.GeneratedIds(client.Output);
        Assert.Equal(maxTokens, ids.Length);
        Assert.Equal(RunJson.GeneratedIds(embedded.Output), ids);
    }

    [SkippableFact]
    public void BertSpamLogitsEqualTheEmbeddedSecureLogits()
    {
        const string Text = "WINNER!! You have been selected to receive a cash prize. Call now to claim.";
        var model = SharedData.Path("models", "bert-spam");
        var bundle = PartyProcesses.Share(model, Path.Combine(_folder.Path, "bundle"));
        using var parties = new PartyProcesses(_folder.Path, bundle);

        var client = parties.Client(bundle, ["classify", "--text", Text, "--json"]);

        Assert.True(client.WaitForExit(ClientLimit) == 0, client.Describe());
        var embedded = Cli.Run("classify", "--model", model, "--text", Text, "--json");
        Assert.True(embedded.ExitCode == 0, embedded.Error);
        Assert.Equal(RunJson.Numbers(embedded.Output, "logits_secure"), RunJson.Numbers(client.Output, "logits"), (a, b) => Math.Abs(a - b) <= 1e-3);
    }

    [SkippableFact]
    public void BertSpamClientEvalAccuracyEqualsTheEmbeddedSecureAccuracy()
    {
        var (served, reference, output) = ServedAndEmbeddedEval("bert-spam", SharedData.Path("data", "spam-eval.jsonl"), limit: 4);
        Assert.Equal(4, served.GetProperty("n").GetInt32());
        Assert.Equal(reference.GetProperty("accuracy_secure").GetDouble(), served.GetProperty("accuracy_secure").GetDouble());
        Assert.False(served.TryGetProperty("accuracy_plaintext", out _), output);
        Assert.False(served.TryGetProperty("seconds_plaintext", out _), output);
    }

    [SkippableFact]
    public void Gpt2SotuClientEvalPerplexityEqualsTheEmbeddedSecurePerplexity()
    {
        var (served, reference, output) = ServedAndEmbeddedEval("gpt2-sotu", SharedData.Path("data", "sotu-eval"), limit: 1);
        Assert.Equal(reference.GetProperty("tokens").GetInt32(), served.GetProperty("tokens").GetInt32());
        // Both are secure runs, each with its own randomness in the truncations: equal up to that noise.
        var expected = reference.GetProperty("perplexity_secure").GetDouble();
        Assert.Equal(expected, served.GetProperty("perplexity_secure").GetDouble(), expected * 1e-3);
        Assert.False(served.TryGetProperty("perplexity_plaintext", out _), output);
    }

    /// <summary>
    /// `puma client eval` through three party processes on shared/models/<paramref name="modelName"/>,
    /// and the embedded `puma eval` on the same data: both JSON reports, and the client's raw output.
    /// </summary>
    private (JsonElement Served, JsonElement Embedded, string ClientOutput) ServedAndEmbeddedEval(string modelName, string data, int limit)
    {
        var model = SharedData.Path("models", modelName);
        var bundle = PartyProcesses.Share(model, Path.Combine(_folder.Path, "bundle"));
        using var parties = new PartyProcesses(_folder.Path, bundle);
        string[] options = ["--data", data, "--limit", limit.ToString(CultureInfo.InvariantCulture), "--json"];

        var client = parties.Client(bundle, ["eval", .. options]);

        Assert.True(client.WaitForExit(ClientLimit) == 0, client.Describe());
        var embedded = Cli.Run(["eval", "--model", model, .. options]);
        Assert.True(embedded.ExitCode == 0, embedded.Error);
        return (EvalJson(client.Output), EvalJson(embedded.Output), client.Output);
    }

    private static JsonElement EvalJson(string output)
    {
        using var document = System.Text.Json.JsonDocument.Parse(output);
        return document.RootElement[0].Clone();
    }
}
