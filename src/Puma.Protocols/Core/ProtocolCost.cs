namespace Puma.Protocols.Core;

/// <summary>
/// The declared cost of one protocol call: rounds of latency, and payload bytes sent by the three
/// parties together. Tests compare these with the counters of the channels.
/// </summary>
public readonly record struct ProtocolCost(int Rounds, long TotalBytesSent)
{
    /// <summary>Average bytes one party sends per output element.</summary>
    public double BytesPerElementPerParty(long elements) => elements == 0 ? 0 : TotalBytesSent / 3.0 / elements;

    /// <summary>Cost of running two protocols in the same rounds.</summary>
    public ProtocolCost Alongside(ProtocolCost other) => new(Math.Max(Rounds, other.Rounds), TotalBytesSent + other.TotalBytesSent);

    /// <summary>Cost of running two protocols one after the other.</summary>
    public ProtocolCost Then(ProtocolCost other) => new(Rounds + other.Rounds, TotalBytesSent + other.TotalBytesSent);
}
