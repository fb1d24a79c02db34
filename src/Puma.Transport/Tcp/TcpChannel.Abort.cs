using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Puma.Transport;

public sealed partial class TcpChannel
{
    /// <summary>
    /// The length header that announces an abort notice instead of a message: no message has a
    /// negative length. The notice follows as a 4-byte length and UTF-8 text.
    /// </summary>
    private const long AbortMarker = -1;

    /// <summary>How long a link that sent a notice stays half-open for the peer to read it and close.</summary>
    private static readonly TimeSpan NoticeLinger = TimeSpan.FromSeconds(30);

    /// <summary>Set once a notice went out: closing then waits for the peer (see <see cref="CloseAfterPeerAsync"/>).</summary>
    private volatile bool _abortSent;

    /// <summary>A notice is one line of an error message; longer ones are cut.</summary>
    private const int MaxNoticeBytes = 4096;

    /// <summary>
    /// Tells the peer, as this link's last message, that this member abandons the run and why
    /// (<paramref name="reason"/>: the error that ended it here, which names the member that failed).
    /// The peer's pending or next receive then fails with that reason instead of a bare "closed
    /// the connection", so a survivor of a lost party names the party that died, not the survivor
    /// that closed on it. Best effort within <paramref name="patience"/>: returns false when the
    /// link is broken or closed, or a send still in flight (the failed run's last message to this
    /// peer, which a notice must not interleave with) does not finish in time.
    /// </summary>
    public async Task<bool> TrySendAbortAsync(string reason, TimeSpan patience)
    {
        if (!await AwaitSendSlotAsync(patience).ConfigureAwait(false)) return false;
        var text = Encoding.UTF8.GetBytes(reason.ReplaceLineEndings(" "));
        var notice = new byte[HeaderLength + sizeof(int) + Math.Min(text.Length, MaxNoticeBytes)];
        BinaryPrimitives.WriteInt64LittleEndian(notice, AbortMarker);
        BinaryPrimitives.WriteInt32LittleEndian(notice.AsSpan(HeaderLength), notice.Length - HeaderLength - sizeof(int));
        text.AsSpan(0, notice.Length - HeaderLength - sizeof(int)).CopyTo(notice.AsSpan(HeaderLength + sizeof(int)));
        using var deadline = new CancellationTokenSource(patience);
        var token = _sendWait.Begin(deadline.Token);
        try
        {
            await WriteAsync(notice, token).ConfigureAwait(false);
            _sendFailure = "this member aborted the run";
            _abortSent = true;
            return true;
        }
        catch (Exception error) when (error is IOException or System.Net.Sockets.SocketException or OperationCanceledException or ObjectDisposedException)
        {
            _sendFailure = error.Message;
            return false;
        }
        finally
        {
            _sendWait.End();
            Volatile.Write(ref _sendInFlight, 0);
        }
    }

    /// <summary>Takes the send slot once no send is in flight, or gives up after <paramref name="patience"/> or when the link is broken.</summary>
    private async Task<bool> AwaitSendSlotAsync(TimeSpan patience)
    {
        var deadline = Environment.TickCount64 + (long)patience.TotalMilliseconds;
        while (true)
        {
            if (_disposed || _sendFailure is not null) return false;
            if (Interlocked.CompareExchange(ref _sendInFlight, 1, 0) == 0) return true;
            if (Environment.TickCount64 >= deadline) return false;
            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes a link that carried a notice without losing it: closing a socket with unread data
    /// sends a reset, and a reset makes the peer's kernel drop what it had not read yet, the notice
    /// included (a busy survivor read "connection reset by peer" instead of who failed). So the
    /// send side is shut (FIN after the notice), what the peer still sends is read and dropped
    /// until it closes, at most <see cref="NoticeLinger"/>, and only then is the socket closed.
    /// </summary>
    private async Task CloseAfterPeerAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
            var discard = new byte[16 * 1024];
            using var linger = new CancellationTokenSource(NoticeLinger);
            while (await _socket.ReceiveAsync(discard, SocketFlags.None, linger.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer reset or never closed: nothing more to wait for.
        }
        finally
        {
            _tls?.Dispose();
            _socket.Dispose();
        }
    }

    /// <summary>Reads the notice after an <see cref="AbortMarker"/> header: the failure to report for the receive.</summary>
    private async ValueTask<PeerLostException> ReadAbortAsync(CancellationToken token)
    {
        var length = new byte[sizeof(int)];
        await ReadExactlyAsync(length, token).ConfigureAwait(false);
        var size = BinaryPrimitives.ReadInt32LittleEndian(length);
        if (size is < 0 or > MaxNoticeBytes)
            return new PeerLostException($"{MemberNames.Capitalized(LocalParty)}: {MemberNames.Of(RemoteParty)} aborted the run with a malformed notice of {size} bytes.");
        var text = new byte[size];
        await ReadExactlyAsync(text, token).ConfigureAwait(false);
        return new PeerLostException($"{MemberNames.Capitalized(LocalParty)}: {MemberNames.Of(RemoteParty)} aborted the run: {Encoding.UTF8.GetString(text)}");
    }
}
