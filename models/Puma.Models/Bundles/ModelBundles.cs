using System.Text.Json;
using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Models.UseLite;

namespace Puma.Models.Bundles;

/// <summary>
/// Writes a model's party bundles: the family's secure weights declare their tensors into a
/// <see cref="WeightRecorder"/> (the same declarations the parties answer at load), and
/// <see cref="BundleWriter"/> encodes, masks and writes them.
/// </summary>
public static class ModelBundles
{
    /// <param name="sourceSha256">The checkpoint's <see cref="SourceHash"/>.</param>
    /// <param name="clientFiles">Public files for the client folder: tokenizer and config.</param>
    public static BundleManifest WriteGpt2(string folder, Gpt2Weights weights, string sourceSha256, IReadOnlyList<string> clientFiles, int fractionalBits, IProgress<ProgressStep>? progress = null)
        => Write(folder, ModelFamilies.Gpt2, weights.Config, sourceSha256, clientFiles, fractionalBits, progress,
            recorder => SecureGpt2Weights.From(recorder, weights.Config, weights));

    public static BundleManifest WriteBert(string folder, BertWeights weights, string sourceSha256, IReadOnlyList<string> clientFiles, int fractionalBits, IProgress<ProgressStep>? progress = null)
        => Write(folder, ModelFamilies.Bert, weights.Config, sourceSha256, clientFiles, fractionalBits, progress,
            recorder => SecureBertWeights.From(recorder, weights.Config, weights));

    public static BundleManifest WriteLlama(string folder, LlamaWeights weights, string sourceSha256, IReadOnlyList<string> clientFiles, int fractionalBits, IProgress<ProgressStep>? progress = null)
        => Write(folder, ModelFamilies.Llama, weights.Config, sourceSha256, clientFiles, fractionalBits, progress,
            recorder => SecureLlamaWeights.From(recorder, weights.Config, weights));

    /// <summary>USE-Lite: its <see cref="UseLiteConfig"/> (timing signal, ε, maximum length) is the public config.</summary>
    public static BundleManifest WriteUseLite(string folder, UseLiteWeights weights, string sourceSha256, IReadOnlyList<string> clientFiles, int fractionalBits, IProgress<ProgressStep>? progress = null)
    {
        var config = UseLiteConfig.Of(weights);
        return Write(folder, ModelFamilies.UseLite, config, sourceSha256, clientFiles, fractionalBits, progress,
            recorder => SecureUseLiteWeights.From(recorder, config.Shape, weights));
    }

    private static BundleManifest Write<TConfig>(string folder, string family, TConfig config, string sourceSha256, IReadOnlyList<string> clientFiles,
        int fractionalBits, IProgress<ProgressStep>? progress, Func<IWeightSource, IDisposable> declare)
    {
        var recorder = new WeightRecorder(fractionalBits);
        using var declared = declare(recorder);
        var source = new BundleWriter.Source(family, JsonSerializer.SerializeToElement(config, BundleManifest.Json), sourceSha256, clientFiles);
        return BundleWriter.Write(folder, source, recorder, progress);
    }
}
