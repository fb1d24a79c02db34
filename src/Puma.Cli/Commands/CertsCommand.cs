using Puma.Cli.Parsing;
using Puma.Protocols.Core;
using Puma.Transport;

namespace Puma.Cli.Commands;

/// <summary><c>puma certs</c>: the keys, certificates and cluster.json of a three-party deployment.</summary>
internal static class CertsCommand
{
    private static readonly OptionSpec Out = new("out", "folder for the keys, certificates and cluster.json", "DIR", "");
    private static readonly OptionSpec Party = new("party", "endpoint of party 0, then 1, then 2; give it three times", "HOST:PORT", Repeatable: true);
    private static readonly OptionSpec Force = new("force", "replace the keys and certificates already in the folder");

    public static CommandSpec Spec { get; } = new(
        "certs",
        "make party and client certificates and the cluster file",
        "Writes a self-signed ECDSA P-256 certificate and private key for each party and for the client (keys readable by the owner only), and cluster.json with the three endpoints, every certificate's SHA-256 pin and the protocol version. Paths inside cluster.json are relative to its folder: copy the folder to each host (a host needs only its own key).",
        [Out, Party, Force],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var folder = options.Text(Out.Name);
        if (folder.Length == 0) throw options.Invalid(Out.Name, "a folder");
        var endpoints = ReadEndpoints(options);
        if (ClusterKeys.Existing(folder) is { Count: > 0 } existing && !options.Flag(Force.Name))
            throw new UsageException($"'{folder}' already holds {string.Join(", ", existing)}; give --force to replace them.", Spec.FullName);

        var cluster = ClusterKeys.Create(folder, endpoints, ProtocolVersion.Current, replace: true);
        output.WriteLine($"Wrote {cluster.Source} (protocol version {cluster.ProtocolVersion}):");
        foreach (var member in cluster.Parties.Append(cluster.Client))
        {
            string where = member.Endpoint is { } endpoint ? $" at {endpoint}" : "";
            output.WriteLine($"  {member.Name}{where}: {Path.GetFileName(member.CertificatePath)}, {Path.GetFileName(member.KeyPath)} (owner-only), SHA-256 {member.CertificateSha256}");
        }
        output.WriteLine("Copy the folder to each host; each host needs only its own .key file.");
        return PumaCommands.Success;
    }

    private static IReadOnlyList<ClusterEndpoint> ReadEndpoints(ParsedOptions options)
    {
        var texts = options.Texts(Party.Name);
        if (texts.Count != ClusterFile.PartyCount)
            throw new UsageException($"option '--party' must be given {ClusterFile.PartyCount} times (parties 0, 1, 2 in order), got {texts.Count}.", Spec.FullName);
        return [.. texts.Select((text, id) => ClusterEndpoint.TryParse(text, out string error)
            ?? throw new UsageException($"option '--party' for party {id} expects {error}, got '{text}'.", Spec.FullName))];
    }
}
