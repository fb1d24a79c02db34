using System.Text.Json;
using Puma.Models.Reference;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests;

/// <summary>
/// The shared GPT-2 and BERT fixtures, loaded once per test run (the weights are ~50 MB each in
/// float64). Only touched by tests after <see cref="SharedFixtures.SkipIfMissing"/>.
/// </summary>
internal static class ReferenceFixtures
{
    private static readonly Lazy<ByteLevelBpeTokenizer> Gpt2TokenizerValue =
        new(() => ByteLevelBpeTokenizer.Load(SharedFixtures.Path("models", "gpt2-sotu", "tokenizer.json")));

    private static readonly Lazy<ByteLevelBpeTokenizer> BertTokenizerValue =
        new(() => ByteLevelBpeTokenizer.Load(SharedFixtures.Path("models", "bert-spam", "tokenizer.json")));

    private static readonly Lazy<Gpt2Reference> Gpt2Value = new(() => new Gpt2Reference(Gpt2Weights.Load(SharedFixtures.Path("models", "gpt2-sotu"))));

    private static readonly Lazy<BertReference> BertValue = new(() => new BertReference(BertWeights.Load(SharedFixtures.Path("models", "bert-spam"))));

    private static readonly Lazy<SotuCase[]> SotuCasesValue = new(LoadSotuCases);

    private static readonly Lazy<SpamEmail[]> SpamEmailsValue = new(LoadSpamEmails);

    public static ByteLevelBpeTokenizer Gpt2Tokenizer => Gpt2TokenizerValue.Value;

    public static ByteLevelBpeTokenizer BertTokenizer => BertTokenizerValue.Value;

    public static Gpt2Reference Gpt2 => Gpt2Value.Value;

    public static BertReference Bert => BertValue.Value;

    public static SotuCase[] SotuCases => SotuCasesValue.Value;

    public static SpamEmail[] SpamEmails => SpamEmailsValue.Value;

    /// <summary>One case of gpt2-sotu/reference_logits.json.</summary>
    public sealed record SotuCase(string Source, int[] Ids, int[] LastTop5, double[] FirstRowHead, double[] LastRowHead);

    /// <summary>One line of spam-eval.jsonl.</summary>
    public sealed record SpamEmail(string Source, int Label, string Text, int[] Ids, double[] Logits);

    /// <summary>Relative error with an absolute floor of 1, so logits near zero are not over-weighted.</summary>
    public static double RelativeError(double actual, double expected) => Math.Abs(actual - expected) / Math.Max(1.0, Math.Abs(expected));

    /// <summary>
    /// Folds the exact bits of <paramref name="values"/> into a running FNV-1a hash, so runs on
    /// different ISA paths can be compared for bit-identical output.
    /// </summary>
    public static ulong Fingerprint(ulong hash, ReadOnlySpan<double> values)
    {
        if (hash == 0) hash = 14695981039346656037;
        foreach (var value in values) hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(value)) * 1099511628211;
        return hash;
    }

    private static SotuCase[] LoadSotuCases()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedFixtures.Path("models", "gpt2-sotu", "reference_logits.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new SotuCase(
            c.GetProperty("source").GetString()!,
            c.GetProperty("ids").Deserialize<int[]>()!,
            c.GetProperty("last_logits_top5").Deserialize<int[]>()!,
            c.GetProperty("logits_first_row_head").Deserialize<double[]>()!,
            c.GetProperty("logits_last_row_head").Deserialize<double[]>()!)).ToArray();
    }

    private static SpamEmail[] LoadSpamEmails() =>
        File.ReadLines(SharedFixtures.Path("data", "spam-eval.jsonl")).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            var e = document.RootElement;
            return new SpamEmail(
                e.GetProperty("source").GetString()!,
                e.GetProperty("label").GetInt32(),
                e.GetProperty("text").GetString()!,
                e.GetProperty("ids").Deserialize<int[]>()!,
                e.GetProperty("logits").Deserialize<double[]>()!);
        }).ToArray();
}
