using System.Text.Json;
using System.Text.Json.Serialization;

namespace Puma.Transport;

/// <summary>
/// The JSON shape of cluster.json, every field optional so that <see cref="ClusterFile.Load"/>
/// can name the one that is missing instead of failing inside the deserializer.
/// </summary>
internal sealed class ClusterFileJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    public int? ProtocolVersion { get; set; }

    public List<MemberJson?>? Parties { get; set; }

    public MemberJson? Client { get; set; }

    internal sealed class MemberJson
    {
        public int? Id { get; set; }

        public string? Endpoint { get; set; }

        public string? Certificate { get; set; }

        public string? Key { get; set; }

        public string? CertificateSha256 { get; set; }
    }
}
