using Puma.Protocols.Core;
using Puma.Protocols.Profiling;
using Puma.Transport;

namespace Puma.Protocols.Runtime;

/// <summary>How <see cref="ThreePartyRunner"/> links and configures a local run.</summary>
public sealed record RunOptions
{
    public TransportKind Transport { get; init; } = TransportKind.InProcess;

    public ProtocolConfig Config { get; init; } = ProtocolConfig.Default;

    /// <summary>Emulates this network on every link (<see cref="ShapedChannel"/>, both directions), or null for none.</summary>
    public NetworkProfile? Network { get; init; }

    /// <summary>Receives each party's per-operator figures when it finishes, or null to keep none.</summary>
    public ProfileRecorder? Profile { get; init; }

    /// <summary>Wraps every channel before use (tests record traffic or inject faults with it), outside any <see cref="Network"/> shaping.</summary>
    public Func<IChannel, IChannel>? DecorateLink { get; init; }

    /// <summary>
    /// One meter per party, charged with the native memory that party's thread allocates (see
    /// <see cref="Simd.MemoryMeter"/>), or null to meter nothing.
    /// </summary>
    public IReadOnlyList<Simd.MemoryMeter>? PartyMemory { get; init; }

    public static RunOptions Default { get; } = new();
}
