using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Puma.Protocols.Tests.Security;

/// <summary>
/// Every message each member (parties 0–2, the client 3) receives once its recording is started,
/// kept per link in arrival order. Fed by <see cref="RecordingChannel"/>.
/// </summary>
internal sealed class WireRecorder
{
    private readonly bool[] _recording = new bool[4];
    private readonly ConcurrentDictionary<Link, ConcurrentQueue<ulong[]>> _messages = new();

    /// <summary>Records what <paramref name="member"/> receives from now on (its setup before this stays out of its view).</summary>
    public void Start(int member) => Volatile.Write(ref _recording[member], true);

    public bool IsRecording(int member) => Volatile.Read(ref _recording[member]);

    public void Record(int receiver, int sender, ReadOnlySpan<byte> message)
    {
        if (!IsRecording(receiver)) return;
        _messages.GetOrAdd(new Link(receiver, sender), _ => new ConcurrentQueue<ulong[]>()).Enqueue(MemoryMarshal.Cast<byte, ulong>(message).ToArray());
    }

    /// <summary>The messages <paramref name="member"/> received, link by link.</summary>
    public IEnumerable<ulong[]> MessagesTo(int member) => _messages.Where(l => l.Key.Receiver == member).SelectMany(l => l.Value);

    /// <summary>A snapshot of everything recorded, per link.</summary>
    public RecordedView Snapshot() => new(_messages.ToDictionary(l => l.Key, l => l.Value.ToArray()));
}

/// <summary>The direction sender → receiver of one link; member 3 is the client.</summary>
internal readonly record struct Link(int Receiver, int Sender)
{
    public override string ToString() => $"{Name(Sender)} → {Name(Receiver)}";

    public static string Name(int member) => member == Runtime.OutsideParty.Id ? "client" : $"P{member}";
}
