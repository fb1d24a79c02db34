using System.Diagnostics;
using Puma.Models.Bundles;
using Puma.Models.Progress;
using Puma.Models.Serving;
using Puma.Models.Synthetic;
using Puma.Models.Tokenizers;
using Puma.Protocols.Profiling;
using Puma.Protocols.Runtime;
using Puma.Simd;

namespace Puma.Cli.Benchmarks;

/// <summary>
/// Runs one request of a <see cref="ModelShape"/> from its cached synthetic bundles, as a party
/// server runs it: each party's <see cref="PartyModel"/> is loaded first (bundle verified, the
/// weights that fit the residency budget regenerated as the server keeps them), apart from the timed request, and the client's
/// side is <see cref="ClientModel"/>'s. BERT classifies one text of the given length, GPT-2 and
/// LLaMA generate from a prompt of that length, as many times as asked on the one load, and the
/// median run is reported. Each party's native memory is metered, its load included, and the
/// process's private memory sampled throughout.
/// </summary>
internal static class ModelBenchmark
{
    /// <summary>Token ids are drawn from a fixed seed, so repeated runs send the same prompt.</summary>
    private const int PromptSeed = 20230724;

    /// <param name="ResidentWeightBytes">Each party's residency budget (<see cref="PartyBundle.Load"/>).</param>
    public sealed record Request(ModelShape Shape, int Tokens, int NewTokens, int Threads, int Runs, string TransportName, long ResidentWeightBytes);

    /// <summary>The figures, and the profile of the median run (the run <see cref="ModelBenchResult.Seconds"/> reports).</summary>
    public sealed record Outcome(ModelBenchResult Result, RunProfile Profile);

    public static Outcome Run(Request request, string bundleFolder, RunOptions options, IProgress<ProgressStep> progress)
    {
        var shape = request.Shape;
        var client = ClientModel.Open(Path.Combine(bundleFolder, BundleLayout.ClientFolder));
        if (client.Family != shape.Family) throw new BundleException(bundleFolder, $"holds a {client.Family} model, not {shape.Family}");
        MemoryMeter[] meters = [new(), new(), new()];
        using var sampler = new PrivateMemorySampler();

        var loading = Stopwatch.StartNew();
        var models = new PartyModel?[3];
        try
        {
            // The parties load side by side, as three servers would: parties 1 and 2 then read
            // their shared component file from disk once, the second from the page cache.
            Parallel.For(0, 3, new ParallelOptions { MaxDegreeOfParallelism = 3 }, party => models[party] = Load(bundleFolder, party, request.ResidentWeightBytes, request.Threads, meters[party], progress));
            var secondsLoad = loading.Elapsed.TotalSeconds;

            var ids = Prompt(shape, request.Tokens);
            var texts = new[] { EncodedText.SingleSegment(ids) };
            var modelRequest = shape.Generates ? client.Generation(ids, request.NewTokens) : client.Classification(texts);
            var runs = new List<(double Seconds, double FirstToken, RunProfile Profile)>();
            for (var run = 0; run < request.Runs; run++)
            {
                var profile = new ProfileRecorder();
                var clock = Stopwatch.StartNew();
                double? firstToken = null;
                void OnToken(int _) => firstToken ??= clock.Elapsed.TotalSeconds;
                ThreePartyRunner.Run(
                    context =>
                    {
                        models[context.Id]!.Serve(context, modelRequest);
                        return true;
                    },
                    outside => shape.Generates ? client.Generate(outside, ids, modelRequest, OnToken).Length : client.Classify(outside, texts).Length,
                    options with { PartyMemory = meters, Profile = profile });
                var seconds = clock.Elapsed.TotalSeconds;
                runs.Add((seconds, firstToken ?? seconds, profile.ToProfile("bench model", request.TransportName, options.Network?.ToString())));
            }

            var median = runs.OrderBy(run => run.Seconds).ElementAt(runs.Count / 2);
            var parties = median.Profile.Parties;
            var result = new ModelBenchResult(
                shape.Name, shape.Family, "random", SyntheticBundle.Parameters(shape, options.Config.FractionalBits),
                request.Tokens, request.NewTokens, request.TransportName, options.Network?.ToString(), request.Threads,
                median.Seconds, [.. runs.Select(run => run.Seconds)], median.FirstToken, secondsLoad,
                parties.Sum(party => party.BytesSent), [.. parties.Select(party => party.BytesSent)], parties.Max(party => party.Rounds),
                [.. meters.Select(meter => meter.PeakBytes)], sampler.PeakBytes, ComponentBytes(bundleFolder), [.. models.Select(model => model!.ResidentWeightBytes)],
                [.. parties[0].Operators.OrderByDescending(op => op.Seconds)]);
            return new Outcome(result, median.Profile);
        }
        finally
        {
            foreach (var model in models) model?.Dispose();
        }
    }

    /// <summary>Party <paramref name="party"/>'s model as its server holds it, its memory charged to its meter.</summary>
    private static PartyModel Load(string bundleFolder, int party, long residentBytes, int threads, MemoryMeter meter, IProgress<ProgressStep> progress)
    {
        var previous = MemoryMeter.Current;
        MemoryMeter.Current = meter;
        try
        {
            return PartyModel.Load(PartyBundle.Load(Path.Combine(bundleFolder, BundleLayout.PartyFolder(party)), residentBytes, progress, threads));
        }
        finally
        {
            MemoryMeter.Current = previous;
        }
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
