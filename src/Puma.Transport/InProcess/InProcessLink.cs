using System.Threading.Channels;

namespace Puma.Transport;

/// <summary>
/// The state two <see cref="InProcessChannel"/> ends share: one message queue per direction and
/// who closed the link. Closing fails every message still queued in either direction so that no
/// sender waits forever for a receiver that is gone.
/// </summary>
internal sealed class InProcessLink
{
    private static readonly UnboundedChannelOptions QueueOptions = new()
    {
        SingleReader = false, // closing drains a queue while its receiver may be reading
        SingleWriter = false, // closing completes a queue while its sender may be writing
        AllowSynchronousContinuations = false,
    };

    private int _closedBy = -1;

    public InProcessLink(int partyA, int partyB)
    {
        PartyA = partyA;
        PartyB = partyB;
    }

    public int PartyA { get; }
    public int PartyB { get; }

    /// <summary>Messages from party A to party B.</summary>
    public Channel<InProcessMessage> AToB { get; } = Channel.CreateUnbounded<InProcessMessage>(QueueOptions);

    /// <summary>Messages from party B to party A.</summary>
    public Channel<InProcessMessage> BToA { get; } = Channel.CreateUnbounded<InProcessMessage>(QueueOptions);

    /// <summary>Party that closed the link, or -1 while it is open.</summary>
    public int ClosedBy => Volatile.Read(ref _closedBy);

    public void Close(int closingParty)
    {
        if (Interlocked.CompareExchange(ref _closedBy, closingParty, -1) != -1)
            return;
        AToB.Writer.TryComplete();
        BToA.Writer.TryComplete();
        FailQueued(AToB.Reader, receiver: PartyB, sender: PartyA, closingParty);
        FailQueued(BToA.Reader, receiver: PartyA, sender: PartyB, closingParty);
    }

    private static void FailQueued(ChannelReader<InProcessMessage> queue, int receiver, int sender, int closingParty)
    {
        while (queue.TryRead(out var message))
        {
            if (message.TryClaim())
                message.Fail(new PeerLostException(
                    $"{MemberNames.Capitalized(sender)}: send to {MemberNames.Of(receiver)} failed, {MemberNames.Of(closingParty)} closed the in-process link before the message was received."));
        }
    }
}
