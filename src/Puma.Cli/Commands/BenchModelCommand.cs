using Puma.Cli.Benchmarks;
using Puma.Cli.Output;
using Puma.Cli.Parsing;
using Puma.Models.Packages;
using Puma.Models.Synthetic;

namespace Puma.Cli.Commands;

/// <summary><c>puma bench model</c>: one request of a published model's exact shape, random weights, from party bundles.</summary>
internal static class BenchModelCommand
{
    private static readonly OptionSpec Shape = new("shape", $"model shape: {string.Join(", ", ModelShape.Names)}", "NAME", "");
    private static readonly OptionSpec Tokens = new("tokens", "input tokens (default: 128 for BERT, 32 for GPT-2, 8 for LLaMA)", "N", "");
    private static readonly OptionSpec NewTokens = new("new-tokens", "tokens to generate (GPT-2 and LLaMA; default 1)", "M", "");
    private static readonly OptionSpec Runs = new("runs", "requests timed on the one load; the median is reported", "R", "1");
    private static readonly OptionSpec Cache = new("cache", $"folder for the synthetic bundles, written once and reused (default: bench/ in ${PumaCache.Variable}, else $XDG_CACHE_HOME/puma, else ~/.cache/puma)", "DIR", "");

    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromHours(1);

    public static CommandSpec Spec { get; } = new(
        "bench model",
        "one request of a real model's shape with random weights, from party bundles",
        "Writes party bundles of the shape's exact public dimensions and real vocabulary, filled with random weights (the first run writes them into the cache; LLaMA-7B's explicit component is 54 GB), loads them as three parties in this process (each keeping the weight shares that fit --resident-weights-mb, materialised during the load, and regenerating the rest on each request) and times one request: BERT classifies one text, GPT-2 and LLaMA generate. It reports seconds (excluding writing and loading the bundles), seconds to the first token, bytes and rounds, each party's peak private memory and party 0's per-operator profile. The weights are random, so the figures describe the shape's cost, not a trained model's answers.",
        [Shape, Tokens, NewTokens, .. SecureRun.Declared, SharedOptions.ResidentWeights, Runs, Cache, SharedOptions.Json],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var shape = ModelShape.Find(options.Text(Shape.Name)) ?? throw options.Invalid(Shape.Name, $"one of {string.Join(", ", ModelShape.Names)}");
        var tokens = options.Text(Tokens.Name).Length == 0 ? shape.DefaultTokens : options.Integer(Tokens.Name, 1, shape.MaxTokens);
        var newTokens = 0;
        if (shape.Generates)
        {
            newTokens = options.Text(NewTokens.Name).Length == 0 ? shape.DefaultNewTokens : options.Integer(NewTokens.Name, 1, shape.MaxTokens);
            if (tokens + newTokens > shape.MaxTokens + 1) throw options.Invalid(NewTokens.Name, $"at most {shape.MaxTokens + 1 - tokens} with {tokens} input tokens ({shape.Name} holds {shape.MaxTokens})");
        }
        else if (options.Text(NewTokens.Name).Length != 0)
        {
            throw options.Invalid(NewTokens.Name, $"nothing: {shape.Name} is a classifier and generates no tokens");
        }
        var cache = options.Text(Cache.Name) is { Length: > 0 } folder ? folder : Path.Combine(PumaCache.DefaultDirectory(), "bench");

        var runs = options.Integer(Runs.Name, 1, 1000);
        var residentBytes = SharedOptions.ReadResidentWeightBytes(options, partiesInProcess: 3);
        var run = SecureRun.Read(options);
        // One party's step between rounds can take minutes at LLaMA-7B's size on a small machine
        // (a layer streamed from disk), and the three parties here cannot hang on a remote peer.
        var runOptions = run.Options with { Config = run.Options.Config with { ReceiveTimeout = ReceiveTimeout } };
        var threads = runOptions.Config.KernelThreads;
        using var progress = ProgressRenderer.For(error);
        var bundle = SyntheticBundle.Ensure(cache, shape, runOptions.Config.FractionalBits, progress);
        var outcome = ModelBenchmark.Run(new ModelBenchmark.Request(shape, tokens, newTokens, threads, runs, run.TransportName, residentBytes), bundle, runOptions, progress);
        if (options.Flag(SharedOptions.Json.Name)) Json.Write(output, [outcome.Result]);
        else ModelBenchReport.Write(output, outcome.Result, run.Description);
        run.SaveProfile(outcome.Profile, error);
        return PumaCommands.Success;
    }
}
