using System.Text.Json;

namespace Puma.Models.Tests;

/// <summary>One case of stories260k/reference.json (float64 numpy run of the llama2.c model).</summary>
internal sealed record StoriesCase(string Prompt, int[] PromptIds, int[] GreedyIds, string GreedyText, double[] PromptLastLogits);

/// <summary>Loads the stories260k fixtures: checkpoint, tokenizer and reference cases.</summary>
internal static class StoriesReference
{
    /// <summary>Number of cases the reference file holds; theories index them 0..Count-1.</summary>
    public const int Count = 4;

    public static string CheckpointPath => SharedFixtures.Path("models", "stories260k", "stories260K.bin");

    public static string TokenizerPath => SharedFixtures.Path("models", "stories260k", "tok512.bin");

    public static string HuggingFaceDirectory => SharedFixtures.Path("models", "stories260k-hf");

    public static IReadOnlyList<StoriesCase> Cases()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedFixtures.Path("models", "stories260k", "reference.json")));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(element => new StoriesCase(
            element.GetProperty("prompt").GetString()!,
            Ints(element.GetProperty("prompt_ids")),
            Ints(element.GetProperty("greedy_ids")),
            element.GetProperty("greedy_text").GetString()!,
            [.. element.GetProperty("prompt_last_logits").EnumerateArray().Select(value => value.GetDouble())]))];
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetInt32())];
}
