using Puma.Protocols.Net;
using Puma.Protocols.Profiling;
using Puma.Transport;

namespace Puma.Protocols.Core;

/// <summary>
/// Everything a protocol needs at one party, passed explicitly (no statics): its id, its links,
/// its PRG streams, the agreed configuration and its profiler.
/// </summary>
public sealed class PartyContext : IDisposable
{
    private PartyContext(int id, Communicator net, ProtocolConfig config, Profiler profiler)
    {
        Id = id;
        Net = net;
        Config = config;
        Profiler = profiler;
        using (profiler.Begin("setup")) Randomness = SeedSetup.Run(net);
    }

    /// <summary>Party id 0, 1 or 2.</summary>
    public int Id { get; }

    public Communicator Net { get; }

    public CorrelatedRandomness Randomness { get; }

    public ProtocolConfig Config { get; }

    public Profiler Profiler { get; }

    /// <summary>
    /// Connects the party to its ring links (and optionally an outside client/owner link) and runs
    /// the seed setup round.
    /// </summary>
    public static PartyContext Create(int id, IChannel next, IChannel prev, IChannel? outside = null, ProtocolConfig? config = null)
    {
        Parties.Validate(id);
        config ??= ProtocolConfig.Default;
        Profiler? profiler = null;
        var net = new Communicator(id, next, prev, outside, config.ReceiveTimeout, () => profiler?.CurrentOperation ?? "setup");
        profiler = new Profiler(() => (net.BytesSent, net.BytesReceived, net.Rounds));
        return new PartyContext(id, net, config, profiler);
    }

    /// <summary>Opens a named profiler scope: <c>using var _ = ctx.Scope("softmax");</c>.</summary>
    public Profiler.Scope Scope(string name) => Profiler.Begin(name);

    /// <summary>Runs a protocol coroutine to completion.</summary>
    public void Run(IEnumerable<Step> protocol) => Net.Run(protocol);

    public void Dispose()
    {
        Randomness.Dispose();
        Net.Dispose();
    }
}
