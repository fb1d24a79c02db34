using System.Text.Json;
using Puma.Models.Reference;
using Puma.Models.Tokenizers;

namespace Puma.Cli.Tests;

public class RunGpt2Tests
{
    private const string Prompt = "The state of the Union";

    [SkippableFact]
    public void PlaintextGenerationIsTheReferenceArgmax()
    {
        var model = SharedData.Path("models", "gpt2-sotu");

        var outcome = Cli.Run("run", "--model", model, "--prompt", Prompt, "--max-tokens", "3", "--plaintext", "--json");

        Assert.Equal(0, outcome.ExitCode);
        var (ids, text) = Generated(outcome.Output);
        Assert.Equal(ReferenceGreedy(model, 3), ids);
        var tokenizer = ByteLevelBpeTokenizer.Load(Path.Combine(model, "tokenizer.json"));
        Assert.Equal(tokenizer.Decode(ids), text);
    }

    [SkippableFact]
    public void StreamedTextContinuesThePrompt()
    {
        var model = SharedData.Path("models", "gpt2-sotu");

        var outcome = Cli.Run("run", "--model", model, "--prompt", Prompt, "--max-tokens", "4", "--plaintext");

        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith(Prompt, outcome.Output, StringComparison.Ordinal);
        Assert.True(outcome.Output.TrimEnd().Length > Prompt.Length);
    }

    [SkippableFact]
    public void ClassifierIsRefused()
    {
        var model = SharedData.Path("models", "bert-spam");

        var outcome = Cli.Run("run", "--model", model, "--prompt", "hi", "--plaintext");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("puma classify", outcome.Error, StringComparison.Ordinal);
    }

    private static int[] ReferenceGreedy(string model, int count)
    {
        var weights = Gpt2Weights.Load(model);
        var reference = new Gpt2Reference(weights);
        var ids = ByteLevelBpeTokenizer.Load(Path.Combine(model, "tokenizer.json")).Tokenize(Prompt).ToList();
        var generated = new List<int>();
        for (var step = 0; step < count; step++)
        {
            var hidden = reference.FinalHidden(ids.ToArray());
            var logits = reference.LogitsOf(hidden.AsSpan((ids.Count - 1) * weights.Config.Width, weights.Config.Width));
            var next = Array.IndexOf(logits, logits.Max());
            generated.Add(next);
            ids.Add(next);
        }
        return [.. generated];
    }

    private static (int[] Ids, string Text) Generated(string json)
    {
        using var document = JsonDocument.Parse(json);
        var report = document.RootElement[0];
        return ([.. report.GetProperty("generated_ids").EnumerateArray().Select(id => id.GetInt32())], report.GetProperty("text").GetString()!);
    }
}
