using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Puma.Models.Bundles;
using Puma.Models.Checkpoints;
using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Protocols.Core;

namespace Puma.Models.Synthetic;

/// <summary>
/// Party bundles of a <see cref="ModelShape"/> filled with <see cref="RandomWeights"/>, written by
/// the same <see cref="BundleWriter"/> as <c>puma share</c> (explicit component on disk, seeds,
/// hashes): a benchmark reads them exactly as a party reads a real model's. They are cached, since
/// writing the larger shapes takes minutes.
/// </summary>
public static class SyntheticBundle
{
    /// <summary>
    /// The cached bundle folder of <paramref name="shape"/> under <paramref name="cacheRoot"/>,
    /// written first if it is not there. The folder name carries the bundle format, protocol
    /// version and fractional bits, so a bundle of another version is never reused.
    /// </summary>
    public static string Ensure(string cacheRoot, ModelShape shape, int fractionalBits, IProgress<ProgressStep>? progress = null)
    {
        var folder = Path.Combine(cacheRoot, $"{shape.Name}-f{fractionalBits}-bundle{BundleLayout.FormatVersion}-protocol{ProtocolVersion.Current}");
        if (Directory.Exists(folder)) return folder;
        Directory.CreateDirectory(cacheRoot);
        RequireSpace(cacheRoot, shape, fractionalBits);
        // Written aside and renamed, so an interrupted write never leaves a folder that looks cached.
        var partial = $"{folder}.partial-{Environment.ProcessId}";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        try
        {
            Write(partial, shape, fractionalBits, progress);
            Directory.Move(partial, folder);
        }
        catch
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
            throw;
        }
        return folder;
    }

    /// <summary>Writes the bundles of <paramref name="shape"/> into <paramref name="folder"/>, which must not exist or be empty.</summary>
    public static BundleManifest Write(string folder, ModelShape shape, int fractionalBits, IProgress<ProgressStep>? progress = null)
    {
        var recorder = Declare(shape, fractionalBits, out var declared);
        using (declared)
        {
            var source = new BundleWriter.Source(shape.Family, JsonSerializer.SerializeToElement(shape.Config, shape.Config.GetType(), BundleManifest.Json), SourceSha256(shape), []);
            return BundleWriter.Write(folder, source, recorder, RandomWeights.For, progress);
        }
    }

    /// <summary>Elements of every tensor of <paramref name="shape"/>: 8 bytes each in the explicit component.</summary>
    public static long Parameters(ModelShape shape, int fractionalBits)
    {
        var recorder = Declare(shape, fractionalBits, out var declared);
        using (declared) return recorder.Tensors.Sum(tensor => (long)tensor.Length);
    }

    /// <summary>The family's own declarations, recorded with no plaintext behind them.</summary>
    private static WeightRecorder Declare(ModelShape shape, int fractionalBits, out IDisposable declared)
    {
        var recorder = new WeightRecorder(fractionalBits);
        declared = shape.Config switch
        {
            BertConfig bert => SecureBertWeights.From(recorder, bert, null),
            Gpt2Config gpt2 => SecureGpt2Weights.From(recorder, gpt2, null),
            LlamaConfig llama => SecureLlamaWeights.From(recorder, llama, null),
            _ => throw new InvalidOperationException($"Shape '{shape.Name}' has no known config."),
        };
        return recorder;
    }

    private static void RequireSpace(string cacheRoot, ModelShape shape, int fractionalBits)
    {
        var needed = Parameters(shape, fractionalBits) * sizeof(ulong) + (64L << 20);
        var available = new DriveInfo(Path.GetFullPath(cacheRoot)).AvailableFreeSpace;
        if (available < needed)
            throw new BundleException(cacheRoot, $"has {available / 1e9:F1} GB free; the {shape.Name} bundle needs {needed / 1e9:F1} GB (8 bytes per parameter)");
    }

    /// <summary>Stands in for a checkpoint's hash: the shape's name and the generator, which fix every weight.</summary>
    private static string SourceSha256(ModelShape shape)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"puma random weights v1: {shape.Name}")));
}
