using Puma.Models.Bundles;
using Puma.Models.Checkpoints;
using Puma.Models.Llama2c;
using Puma.Models.Reference;
using Puma.Models.Tokenizers;
using Puma.Simd;

namespace Puma.Models.Tests.Bundles;

/// <summary>
/// A party bundle's residency budget: the tensors it keeps materialised from the load on (the
/// longest prefix of the declarations that fits), those it streams (materialised while a forward
/// holds them, freed after), and outputs that do not depend on it.
/// </summary>
public sealed class ResidencyBudgetTests : IDisposable
{
    private const int F = FixedPoint.DefaultFractionalBits;
    private const int NewTokens = 4;
    private static readonly int[] Prompt = [4, 10, 1, 7, 7, 2];
    private readonly TinyModels _models = new();
    private readonly string _out = Directory.CreateTempSubdirectory("puma-residency-").FullName;

    public void Dispose()
    {
        _models.Dispose();
        Directory.Delete(_out, recursive: true);
    }

    [Fact]
    public void AZeroBudgetStreamsEveryTensorAndKeepsNothingBetweenRequests()
    {
        using var parties = new ServedParties(WriteGpt2(out _), residentBytes: 0);
        Assert.All(parties.Bundles, bundle => Assert.Equal((0L, 0L), (bundle.ResidentBytes, bundle.MaterialisedBytes)));

        Generate(parties);

        Assert.All(parties.Bundles, bundle =>
        {
            Assert.Equal(0, bundle.MaterialisedBytes);
            Assert.True(bundle.PeakMaterialisedBytes > 0, "the request materialised nothing");
        });
    }

    [Fact]
    public void AnUnlimitedBudgetMaterialisesEveryTensorAtLoadAndNothingMoreOnRequests()
    {
        using var parties = new ServedParties(WriteGpt2(out _), long.MaxValue);
        var all = parties.Bundles.Select(bundle => PrefixBytes(bundle.Manifest.Tensors, bundle.Manifest.Tensors.Count, bundle.Party)).ToArray();
        Assert.Equal(all, parties.Bundles.Select(bundle => bundle.ResidentBytes));
        Assert.Equal(all, parties.Bundles.Select(bundle => bundle.MaterialisedBytes));

        Generate(parties);

        Assert.Equal(all, parties.Bundles.Select(bundle => bundle.MaterialisedBytes));
        Assert.Equal(all, parties.Bundles.Select(bundle => bundle.PeakMaterialisedBytes));
    }

    [Fact]
    public void AMiddleBudgetKeepsTheLongestPrefixOfTheDeclarationsThatFitsAndStreamsTheRest()
    {
        var folder = WriteGpt2(out _);
        var tensors = ShareBundle.Open(folder).Manifest.Tensors;
        // Party 0 regenerates two components per tensor: its budget fits three tensors and half the fourth.
        var budget = PrefixBytes(tensors, 3, party: 0) + tensors[3].Length * sizeof(ulong);
        using var parties = new ServedParties(folder, budget);
        var kept = parties.Bundles.Select(bundle => Enumerable.Range(0, tensors.Count + 1).Last(count => PrefixBytes(tensors, count, bundle.Party) <= budget)).ToArray();
        Assert.Equal(3, kept[0]);
        Assert.All(kept, count => Assert.InRange(count, 3, tensors.Count - 1));
        var resident = parties.Bundles.Select((bundle, party) => PrefixBytes(tensors, kept[party], party)).ToArray();
        Assert.Equal(resident, parties.Bundles.Select(bundle => bundle.ResidentBytes));
        Assert.Equal(resident, parties.Bundles.Select(bundle => bundle.MaterialisedBytes));

        Generate(parties);

        Assert.Equal(resident, parties.Bundles.Select(bundle => bundle.MaterialisedBytes));
        Assert.All(parties.Bundles, bundle => Assert.True(bundle.PeakMaterialisedBytes > bundle.ResidentBytes, $"party {bundle.Party} streamed nothing"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    [InlineData(100)]
    public void Gpt2GenerationGivesTheReferenceIdsWithEveryBudget(int percent)
    {
        var folder = WriteGpt2(out var weights);
        var reference = new Gpt2Reference(weights);
        var expected = new List<int>(Prompt);
        for (var step = 0; step < NewTokens; step++) expected.Add(ArgMax(reference.Logits([.. expected])[^TinyModels.Vocab..]));

        using var parties = new ServedParties(folder, Budget(folder, percent));

        Assert.Equal(expected.Skip(Prompt.Length), Generate(parties));
        Assert.All(parties.Bundles, bundle => Assert.Equal(bundle.ResidentBytes, bundle.MaterialisedBytes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    [InlineData(100)]
    public void BertLogitsMatchTheReferenceWithEveryBudget(int percent)
    {
        var weights = BertWeights.Load(_models.WriteModel(_models.BertConfigJson(), TinyModels.BertTensors(43, TensorDType.F32)));
        var folder = Write(folder => ModelBundles.WriteBert(folder, weights, new string('0', 64), [], F));
        EncodedText[] texts = [new([1, 5, 22, 0, 7, 3, 3, 9], [0, 0, 0, 0, 1, 1, 1, 1]), EncodedText.SingleSegment([4])];

        using var parties = new ServedParties(folder, Budget(folder, percent));
        var logits = parties.Serve(parties.Client.Classification(texts), outside => parties.Client.Classify(outside, texts));

        var reference = new BertReference(weights);
        for (var t = 0; t < texts.Length; t++)
        {
            var expected = reference.Classify(texts[t].Ids, texts[t].TypeIds);
            for (var label = 0; label < expected.Length; label++) Assert.InRange(logits[t][label], expected[label] - 0.04, expected[label] + 0.04);
        }
        Assert.All(parties.Bundles, bundle => Assert.Equal(bundle.ResidentBytes, bundle.MaterialisedBytes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    [InlineData(100)]
    public void LlamaGenerationGivesThePlaintextIdsWithEveryBudget(int percent)
    {
        var header = Llama2cWriter.Small;
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, Llama2cWriter.RandomFloats(header, seed: 25)));
        using var checkpoint = Llama2cCheckpoint.Open(file.Path);
        var folder = Write(folder => ModelBundles.WriteLlama(folder, checkpoint, new string('0', 64), [], F));
        int[] prompt = [1, 7, 30, 2, 5];

        using var parties = new ServedParties(folder, Budget(folder, percent));
        var request = parties.Client.Generation(prompt, 3);
        var ids = parties.Serve(request, outside => parties.Client.Generate(outside, prompt, request));

        Assert.Equal(LlamaGreedy.Generate(checkpoint, prompt, 3), ids);
        Assert.All(parties.Bundles, bundle => Assert.Equal(bundle.ResidentBytes, bundle.MaterialisedBytes));
    }

    private static int[] Generate(ServedParties parties)
    {
        var request = parties.Client.Generation(Prompt, NewTokens);
        return parties.Serve(request, outside => parties.Client.Generate(outside, Prompt, request));
    }

    /// <summary>Seed-component bytes of the first <paramref name="count"/> tensors at <paramref name="party"/>.</summary>
    private static long PrefixBytes(IReadOnlyList<BundleTensor> tensors, int count, int party)
        => tensors.Take(count).Sum(tensor => (long)tensor.Length) * sizeof(ulong) * BundleLayout.SeedComponents(party).Length;

    /// <summary><paramref name="percent"/> of what party 0 needs to keep the whole model (so parties 1 and 2, which regenerate half as much, keep twice the share).</summary>
    private static long Budget(string folder, int percent)
    {
        var tensors = ShareBundle.Open(folder).Manifest.Tensors;
        return PrefixBytes(tensors, tensors.Count, party: 0) * percent / 100;
    }

    private string WriteGpt2(out Gpt2Weights weights)
    {
        var written = Gpt2Weights.Load(_models.WriteModel(_models.Gpt2ConfigJson(), TinyModels.Gpt2Tensors(42, TensorDType.F32)));
        weights = written;
        return Write(folder => ModelBundles.WriteGpt2(folder, written, new string('0', 64), [], F));
    }

    private string Write(Action<string> write)
    {
        var folder = Path.Combine(_out, Guid.NewGuid().ToString("N"));
        write(folder);
        return folder;
    }

    private static int ArgMax(double[] values) => Array.IndexOf(values, values.Max());
}
