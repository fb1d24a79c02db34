namespace Puma.Protocols.Core;

/// <summary>
/// The version of the protocols' messages (their order, sizes and meaning). Parties run together
/// only at the same version; raise it whenever a protocol's messages change.
/// </summary>
public static class ProtocolVersion
{
    public const int Current = 1;
}
