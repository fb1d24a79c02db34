using System.Text.Json.Serialization;
using Puma.Models.Bundles;

namespace Puma.Serving;

/// <summary>
/// What two members must agree on to run a request together: protocol and bundle format
/// versions, the sharing (bundle id and source checkpoint) and the fixed-point precision.
/// Checked on every link of every request, both ways; a difference names the field.
/// </summary>
public sealed record ServingIdentity(
    [property: JsonPropertyName("protocolVersion")] int ProtocolVersion,
    [property: JsonPropertyName("formatVersion")] int FormatVersion,
    [property: JsonPropertyName("bundleId")] string BundleId,
    [property: JsonPropertyName("sourceSha256")] string SourceSha256,
    [property: JsonPropertyName("fractionalBits")] int FractionalBits,
    [property: JsonPropertyName("family")] string Family)
{
    public static ServingIdentity Of(BundleManifest manifest) => new(
        manifest.ProtocolVersion, manifest.FormatVersion, manifest.BundleId, manifest.SourceSha256, manifest.FractionalBits, manifest.Family);

    /// <summary>Null when equal, else what differs, e.g. "bundle id: mine 1a2b…, theirs 9f8e…".</summary>
    public string? Difference(ServingIdentity theirs)
    {
        static string? Field<T>(string name, T mine, T other) => EqualityComparer<T>.Default.Equals(mine, other) ? null : $"{name}: mine {mine}, theirs {other}";
        return Field("protocol version", ProtocolVersion, theirs.ProtocolVersion)
            ?? Field("bundle format version", FormatVersion, theirs.FormatVersion)
            ?? Field("fractional bits", FractionalBits, theirs.FractionalBits)
            ?? Field("model family", Family, theirs.Family)
            ?? Field("model (source checkpoint SHA-256)", SourceSha256, theirs.SourceSha256)
            ?? Field("bundle id (sharing)", BundleId, theirs.BundleId);
    }
}
