using System.Diagnostics;
using Puma.Models.Bundles;
using Puma.Models.Progress;
using Puma.Models.Secure;
using Puma.Models.Synthetic;
using Puma.Models.Tokenizers;
using Puma.Protocols.Profiling;
using Puma.Protocols.Runtime;
using Puma.Simd;

namespace Puma.Cli.Benchmarks;

/// <summary>
/// Runs one request of a <see cref="ModelShape"/> from its cached synthetic bundles: BERT
/// classifies one text of the given length, GPT-2 and LLaMA generate from a prompt of that length.
/// The bundles are loaded and verified first, apart from the timed request; each party's native
/// memory is metered and the process's private memory sampled throughout.
/// </summary>
internal static class ModelBenchmark
{
    /// <summary>Token ids are drawn from a fixed seed, so repeated runs send the same prompt.</summary>
    private const int PromptSeed = 20230724;

    public sealed record Request(ModelShape Shape, int Tokens, int NewTokens, int Threads, string TransportName);

    public static ModelBenchResult Run(Request request, string bundleFolder, RunOptions options, IProgress<ProgressStep> progress)
    {
        var shape = request.Shape;
        var bundle = ShareBundle.Open(bundleFolder);
        bundle.Expect(shape.Family);
        MemoryMeter[] meters = [new(), new(), new()];
        var profile = options.Profile ?? new ProfileRecorder();
        options = options with { PartyMemory = meters, Profile = profile };
        using var sampler = new PrivateMemorySampler();

        var loading = Stopwatch.StartNew();
        bundle.Preload(progress);
        var secondsLoad = loading.Elapsed.TotalSeconds;

        var ids = Prompt(shape, request.Tokens);
        var clock = Stopwatch.StartNew();
        double? firstToken = null;
        void OnToken(int _) => firstToken ??= clock.Elapsed.TotalSeconds;
        switch (shape.Family)
        {
            case ModelFamilies.Bert:
                SecureBert.ClassifyLogits(bundle, [EncodedText.SingleSegment(ids)], options);
                break;
            case ModelFamilies.Gpt2:
                SecureGpt2.Generate(bundle, ids, request.NewTokens, options, OnToken);
                break;
            default:
                SecureLlama.Generate(bundle, ids, request.NewTokens, options, OnToken);
                break;
        }
        var seconds = clock.Elapsed.TotalSeconds;

        var parties = profile.ToProfile("bench model", request.TransportName, options.Network?.ToString()).Parties;
        return new ModelBenchResult(
            shape.Name, shape.Family, "random", SyntheticBundle.Parameters(shape, options.Config.FractionalBits),
            request.Tokens, request.NewTokens, request.TransportName, options.Network?.ToString(), request.Threads,
            seconds, firstToken ?? seconds, secondsLoad,
            parties.Sum(party => party.BytesSent), [.. parties.Select(party => party.BytesSent)], parties.Max(party => party.Rounds),
            [.. meters.Select(meter => meter.PeakBytes)], sampler.PeakBytes, ComponentBytes(bundleFolder),
            [.. parties[0].Operators.OrderByDescending(op => op.Seconds)]);
    }

    /// <summary>Random ids of real tokens (never id 0, which BERT pads with), the same on every run.</summary>
    private static int[] Prompt(ModelShape shape, int tokens)
    {
        var random = new Random(PromptSeed);
        var vocabulary = shape.Config switch
        {
            Models.Checkpoints.BertConfig bert => bert.VocabSize,
            Models.Checkpoints.Gpt2Config gpt2 => gpt2.VocabSize,
            Models.Reference.LlamaConfig llama => llama.VocabSize,
            _ => throw new InvalidOperationException($"Shape '{shape.Name}' has no known config."),
        };
        return [.. Enumerable.Range(0, tokens).Select(_ => random.Next(1, vocabulary))];
    }

    /// <summary>The explicit component's bytes: parties 1 and 2 share this one file on one host.</summary>
    private static long ComponentBytes(string bundleFolder)
        => new FileInfo(Path.Combine(bundleFolder, BundleLayout.PartyFolder(1), BundleLayout.ComponentFile)).Length;
}
