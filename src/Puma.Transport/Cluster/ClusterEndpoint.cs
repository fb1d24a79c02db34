using System.Globalization;
using System.Net;

namespace Puma.Transport;

/// <summary>
/// Where a party listens: a host name or IP address and a port, written <c>HOST:PORT</c>
/// (IPv6 in brackets: <c>[::1]:7001</c>).
/// </summary>
public sealed record ClusterEndpoint(string Host, int Port)
{
    /// <summary>Reads <c>HOST:PORT</c>; null with <paramref name="error"/> saying what is wrong.</summary>
    public static ClusterEndpoint? TryParse(string text, out string error)
    {
        error = "";
        int colon = text.LastIndexOf(':');
        string host = colon < 0 ? text : text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        else if (host.Contains(':')) colon = -1; // an unbracketed IPv6 address has no unambiguous port
        if (colon < 0 || host.Length == 0)
        {
            error = "HOST:PORT (IPv6 as [ADDRESS]:PORT)";
            return null;
        }
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            error = "a port from 1 to 65535 after the colon";
            return null;
        }
        return new ClusterEndpoint(host, port);
    }

    /// <summary>An <see cref="IPEndPoint"/> for an address, else a <see cref="DnsEndPoint"/> resolved when connecting.</summary>
    public EndPoint ToEndPoint() =>
        IPAddress.TryParse(Host, out var address) ? new IPEndPoint(address, Port) : new DnsEndPoint(Host, Port);

    public override string ToString() =>
        Host.Contains(':') ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}" : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
