namespace Puma.Transport;

/// <summary>
/// Checks a deserialized cluster.json field by field and builds the <see cref="ClusterFile"/>;
/// the first problem becomes an <see cref="InvalidDataException"/> naming the file and the field.
/// </summary>
internal sealed class ClusterFileReader(string path)
{
    private readonly string _folder = Path.GetDirectoryName(Path.GetFullPath(path))!;

    public ClusterFile Read(ClusterFileJson? json)
    {
        if (json is null) throw new InvalidDataException($"{path}: not a cluster file (it holds JSON null, not an object).");
        int version = json.ProtocolVersion is int v && v > 0 ? v : throw Bad("protocol_version", "a positive integer");
        var parties = json.Parties ?? throw Bad("parties", $"a list of {ClusterFile.PartyCount} parties");
        if (parties.Count != ClusterFile.PartyCount) throw Bad("parties", $"{ClusterFile.PartyCount} parties, not {parties.Count}");
        var members = parties.Select((party, index) => Party(party, index)).ToArray();
        var client = Member(json.Client ?? throw Bad("client", "an object"), "client", ClusterFile.ClientId, endpoint: null);
        var duplicate = members.Append(client).GroupBy(m => m.CertificateSha256.ToUpperInvariant()).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidDataException($"{path}: {string.Join(" and ", duplicate.Select(m => m.Name))} have the same certificate pin; every member needs its own certificate.");
        return new ClusterFile { ProtocolVersion = version, Parties = members, Client = client, Source = path };
    }

    private ClusterMember Party(ClusterFileJson.MemberJson? party, int index)
    {
        string field = $"parties[{index}]";
        if (party is null) throw Bad(field, "an object");
        if (party.Id != index) throw Bad($"{field}.id", $"{index} (parties are listed in id order)");
        var endpoint = ClusterEndpoint.TryParse(Required(party.Endpoint, $"{field}.endpoint"), out string error)
            ?? throw Bad($"{field}.endpoint", error);
        return Member(party, field, index, endpoint);
    }

    private ClusterMember Member(ClusterFileJson.MemberJson member, string field, int id, ClusterEndpoint? endpoint)
    {
        string pin = Required(member.CertificateSha256, $"{field}.certificate_sha256");
        if (pin.Length != 64 || !pin.All(Uri.IsHexDigit)) throw Bad($"{field}.certificate_sha256", "64 hex digits");
        return new ClusterMember(id, endpoint,
            Path.GetFullPath(Required(member.Certificate, $"{field}.certificate"), _folder),
            Path.GetFullPath(Required(member.Key, $"{field}.key"), _folder),
            pin);
    }

    private string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Bad(field, "a non-empty string") : value;

    private InvalidDataException Bad(string field, string expected) => new($"{path}: '{field}' must be {expected}.");
}
