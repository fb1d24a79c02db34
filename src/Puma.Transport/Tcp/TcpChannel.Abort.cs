using System.Buffers.Binary;
using System.Text;

namespace Puma.Transport;

public sealed partial class TcpChannel
{
    /// <summary>
    /// The length header that announces an abort notice instead of a message: no message has a
    /// negative length. The notice follows as a 4-byte length and UTF-8 text.
    /// </summary>
    private const long AbortMarker = -1;

    /// <summary>A notice is one line of an error message; longer ones are cut.</summary>
    private const int MaxNoticeBytes = 4096;

    /// <summary>
    /// Tells the peer, as this link's last message, that this member abandons the run and why
    /// (<paramref name="reason"/>: the error that ended it here, which names the member that failed).
    /// The peer's pending or next receive then fails with that reason instead of a bare "closed
    /// the connection", so a survivor of a lost party names the party that died, not the survivor
    /// that closed on it. Best effort within <paramref name="patience"/>: returns false when the
    /// link is broken, closed, or busy with a send (a notice never interleaves with a message).
    /// </summary>
    public async Task<bool> TrySendAbortAsync(string reason, TimeSpan patience)
    {
        if (_disposed || _sendFailure is not null || Interlocked.Exchange(ref _sendInFlight, 1) != 0) return false;
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
