using Puma.Protocols.Core;
using Puma.Transport;

namespace Puma.Protocols.Runtime;

/// <summary>How <see cref="ThreePartyRunner"/> links and configures a local run.</summary>
public sealed record RunOptions
{
    public TransportKind Transport { get; init; } = TransportKind.InProcess;

    public ProtocolConfig Config { get; init; } = ProtocolConfig.Default;

    /// <summary>Wraps every channel before use (tests record traffic or inject faults with it).</summary>
    public Func<IChannel, IChannel>? DecorateLink { get; init; }

    public static RunOptions Default { get; } = new();
}
