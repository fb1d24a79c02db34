namespace Puma.Transport;

/// <summary>
/// One member of a cluster: a party (id 0, 1 or 2, with the endpoint it listens on) or the client
/// (id <see cref="ClusterFile.ClientId"/>, no endpoint). Paths are absolute once loaded.
/// </summary>
/// <param name="CertificatePath">PEM certificate; every member reads the others' pins, not their files.</param>
/// <param name="KeyPath">PEM private key (PKCS#8); only this member's host needs it.</param>
/// <param name="CertificateSha256">Hex SHA-256 of the certificate: the pin the others check.</param>
public sealed record ClusterMember(int Id, ClusterEndpoint? Endpoint, string CertificatePath, string KeyPath, string CertificateSha256)
{
    /// <summary>"party 1" or "the client", for messages.</summary>
    public string Name => MemberNames.Of(Id);
}
