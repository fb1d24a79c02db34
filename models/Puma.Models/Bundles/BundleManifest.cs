using System.Text.Json;
using System.Text.Json.Serialization;
using Puma.Protocols.Core;

namespace Puma.Models.Bundles;

/// <summary>
/// A party folder's <c>manifest.json</c>: everything public about the bundle. The secret part,
/// the party's PRG seeds, sits in <see cref="BundleLayout.SeedsFile"/> and its share component in
/// <see cref="BundleLayout.ComponentFile"/>, both listed in <see cref="Files"/> with their SHA-256.
/// The client folder has the same manifest with <see cref="Party"/> null and no tensors or files.
/// </summary>
/// <param name="Format">Always <see cref="BundleLayout.FormatName"/>.</param>
/// <param name="FormatVersion">Layout of this manifest and the share files (<see cref="BundleLayout.FormatVersion"/>).</param>
/// <param name="ProtocolVersion">Version of the protocols the shares are for (<see cref="ProtocolVersion.Current"/>).</param>
/// <param name="BundleId">Random id of one sharing: the three parties' shares combine only within one id.</param>
/// <param name="Party">Party 0, 1 or 2; null in the client folder.</param>
/// <param name="FractionalBits">f of the fixed-point encoding (a tensor may use a multiple, see <see cref="BundleTensor.FractionalBits"/>).</param>
/// <param name="Family">gpt2, bert, llama or use-lite.</param>
/// <param name="Config">The family's public config record, as JSON.</param>
/// <param name="SourceSha256">SHA-256 over the source checkpoint's files (<see cref="SourceHash"/>).</param>
/// <param name="Own">Where this party's component x_i comes from.</param>
/// <param name="Next">Where this party's component x_{i+1} comes from.</param>
/// <param name="Tensors">The tensor table, in declaration order.</param>
/// <param name="Files">Every other file of the party folder, with its size and SHA-256.</param>
public sealed record BundleManifest(
    string Format,
    int FormatVersion,
    int ProtocolVersion,
    string BundleId,
    int? Party,
    int FractionalBits,
    string Family,
    JsonElement Config,
    string SourceSha256,
    BundleComponent? Own,
    BundleComponent? Next,
    IReadOnlyList<BundleTensor> Tensors,
    IReadOnlyList<BundleFile> Files)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

/// <summary>One tensor: its public shape and where its elements start in both components' streams.</summary>
/// <param name="Offset">Element offset in the component file and in the PRG streams; a multiple of 8 (64-byte aligned).</param>
public sealed record BundleTensor(string Name, int[] Shape, int FractionalBits, long Offset, int Length);

/// <summary>A bundle file with its size and SHA-256 (lowercase hex), checked at load.</summary>
public sealed record BundleFile(string Name, long Bytes, string Sha256);

/// <summary>
/// Where a component comes from: <see cref="BundleComponentKind.Seed"/>, the AES-CTR stream of the
/// 16-byte seed at <see cref="SeedIndex"/> of the seeds file (element e is the stream's element e),
/// or <see cref="BundleComponentKind.File"/>, the component file (element e at byte 8·e).
/// </summary>
public sealed record BundleComponent(BundleComponentKind Kind, int Component, int? SeedIndex);

public enum BundleComponentKind
{
    Seed,
    File,
}
