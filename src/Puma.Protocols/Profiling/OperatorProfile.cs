namespace Puma.Protocols.Profiling;

/// <summary>What one named operator cost this party: calls, wall time, payload bytes, rounds.</summary>
public sealed class OperatorProfile(string name)
{
    public string Name { get; } = name;
    public long Calls { get; private set; }
    public TimeSpan Time { get; private set; }
    public long BytesSent { get; private set; }
    public long BytesReceived { get; private set; }
    public long Rounds { get; private set; }

    internal void Add(TimeSpan time, long sent, long received, long rounds)
    {
        Calls++;
        Time += time;
        BytesSent += sent;
        BytesReceived += received;
        Rounds += rounds;
    }
}
