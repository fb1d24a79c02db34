using System.Text.Json;
using Puma.Models.Bundles;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Models.Tests;
using Puma.Simd;

namespace Puma.Serving.Tests;

/// <summary>
/// A tiny random GPT-2 whose vocabulary is the 256 bytes, with the byte-level tokenizer.json that
/// goes with it (no merges), so a chat client can turn text into its tokens and back.
/// </summary>
internal static class ByteLevelGpt2
{
    public const int Vocab = 256;

    /// <summary>
    /// A seed whose greedy continuations (of the short prompts these tests use, up to the 16-token
    /// context) keep the top two logits at least 0.08 apart, far above the secure forward's error,
    /// so the secure argmax picks the reference's token. Other seeds have steps 1e-4 apart, where
    /// the two may differ by chance.
    /// </summary>
    public const int ClearSeed = 71;

    /// <summary>Writes the model with its tokenizer under <paramref name="models"/> and shares it into <paramref name="bundle"/>; returns the plaintext weights.</summary>
    public static Gpt2Weights Share(TinyModels models, int seed, string bundle)
    {
        var random = new Random(seed);
        var tensors = TinyModels.Gpt2Tensors(seed, TensorDType.F32)
            .Select(tensor => tensor.Name != "wte.weight" ? tensor
                : tensor with { Shape = [Vocab, TinyModels.Width], Values = [.. Enumerable.Range(0, Vocab * TinyModels.Width).Select(_ => (float)(random.NextDouble() * 0.8 - 0.4))] });
        var folder = models.WriteModel(models.Gpt2ConfigJson().Replace($"\"vocab_size\": {TinyModels.Vocab}", $"\"vocab_size\": {Vocab}"), tensors);
        var tokenizer = Path.Combine(folder, "tokenizer.json");
        File.WriteAllText(tokenizer, TokenizerJson());
        var weights = Gpt2Weights.Load(folder);
        ModelBundles.WriteGpt2(bundle, weights, new string('0', 64), [tokenizer], FixedPoint.DefaultFractionalBits);
        return weights;
    }

    /// <summary>GPT-2's tokenizer.json shape with one token per byte, id = byte, spelled with GPT-2's byte-to-character map.</summary>
    private static string TokenizerJson()
    {
        var vocab = Enumerable.Range(0, Vocab).ToDictionary(b => ByteCharacter(b).ToString(), b => b);
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["version"] = "1.0",
            ["added_tokens"] = Array.Empty<object>(),
            ["pre_tokenizer"] = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
            ["decoder"] = new { type = "ByteLevel", add_prefix_space = true, trim_offsets = true, use_regex = true },
            ["model"] = new Dictionary<string, object?>
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = null, ["continuing_subword_prefix"] = "", ["end_of_word_suffix"] = "",
                ["fuse_unk"] = false, ["byte_fallback"] = false, ["vocab"] = vocab, ["merges"] = Array.Empty<string>(),
            },
        });
    }

    /// <summary>GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the others for 256, 257, ... in byte order.</summary>
    private static char ByteCharacter(int b)
    {
        static bool Printable(int c) => c is >= '!' and <= '~' or >= '¡' and <= '¬' or >= '®' and <= 'ÿ';
        return Printable(b) ? (char)b : (char)(256 + Enumerable.Range(0, b).Count(c => !Printable(c)));
    }
}
