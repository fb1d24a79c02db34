using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Puma.Transport;

/// <summary>
/// One end of a TCP link (optionally TLS) between two parties. Each message is an 8-byte
/// little-endian payload length followed by the payload, read straight into the receiver's
/// destination and written straight from the sender's memory. Small messages are the exception:
/// header and payload are first copied into one buffer so that they leave in one segment (and one
/// TLS record). Send and receive run independently, one of each at a time. A send or receive that
/// fails or is cancelled (peer lost, timeout, size mismatch) may leave the stream mid-message, so
/// that direction then refuses further use instead of misreading. A member that abandons a run
/// may end a link with an abort notice (<see cref="TrySendAbortAsync"/>), which the peer's
/// receive reports as the reason.
/// </summary>
public sealed partial class TcpChannel : IScatterGatherChannel
{
    private const int HeaderLength = sizeof(long);
    private const int MaxChunkLength = 1 << 30;
    private const int CoalesceLimit = 16 << 10;

    private readonly Socket _socket;
    private readonly SslStream? _tls;
    private readonly byte[] _sendBuffer = new byte[HeaderLength + CoalesceLimit];
    private readonly byte[] _receiveHeader = new byte[HeaderLength];
    private readonly PeerWait _sendWait, _receiveWait;
    private int _sendInFlight, _receiveInFlight;
    private string? _sendFailure, _receiveFailure;
    private volatile bool _disposed;

    internal TcpChannel(Socket socket, SslStream? tls, int localParty, int remoteParty, TransportOptions options)
    {
        _socket = socket;
        _tls = tls;
        LocalParty = localParty;
        RemoteParty = remoteParty;
        _sendWait = new PeerWait(options.ReceiveTimeout);
        _receiveWait = new PeerWait(options.ReceiveTimeout);
    }

    public int LocalParty { get; }
    public int RemoteParty { get; }
    public ChannelCounters Counters { get; } = new();

    /// <summary>Whether the link is encrypted and the peer authenticated by its pinned certificate.</summary>
    public bool IsTls => _tls is not null;

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        SendCoreAsync(message, parts: null, cancellationToken);

    public ValueTask SendAsync(IReadOnlyList<ReadOnlyMemory<byte>> parts, CancellationToken cancellationToken = default) =>
        SendCoreAsync(default, parts, cancellationToken);

    public ValueTask ReceiveAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        ReceiveCoreAsync(destination, parts: null, cancellationToken);

    public ValueTask ReceiveAsync(IReadOnlyList<Memory<byte>> parts, CancellationToken cancellationToken = default) =>
        ReceiveCoreAsync(default, parts, cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendCoreAsync(ReadOnlyMemory<byte> single, IReadOnlyList<ReadOnlyMemory<byte>>? parts, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Enter(ref _sendInFlight, _sendFailure, "send");
        int count = parts?.Count ?? 1;
        long length = 0;
        for (int i = 0; i < count; i++)
            length += (parts?[i] ?? single).Length;
        var token = _sendWait.Begin(cancellationToken);
        try
        {
            BinaryPrimitives.WriteInt64LittleEndian(_sendBuffer, length);
            if (length <= CoalesceLimit)
            {
                int offset = HeaderLength;
                for (int i = 0; i < count; i++)
                {
                    var part = (parts?[i] ?? single).Span;
                    part.CopyTo(_sendBuffer.AsSpan(offset));
                    offset += part.Length;
                }
                await WriteAsync(_sendBuffer.AsMemory(0, offset), token).ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(_sendBuffer.AsMemory(0, HeaderLength), token).ConfigureAwait(false);
                for (int i = 0; i < count; i++)
                    await WriteAsync(parts?[i] ?? single, token).ConfigureAwait(false);
            }
            Counters.RecordSend(length);
        }
        catch (Exception error)
        {
            _sendFailure = error.Message;
            throw Translate(error, "send", _sendWait, cancellationToken) ?? error;
        }
        finally
        {
            _sendWait.End();
            Volatile.Write(ref _sendInFlight, 0);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReceiveCoreAsync(Memory<byte> single, IReadOnlyList<Memory<byte>>? parts, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Enter(ref _receiveInFlight, _receiveFailure, "receive");
        int count = parts?.Count ?? 1;
        long expected = 0;
        for (int i = 0; i < count; i++)
            expected += (parts?[i] ?? single).Length;
        var token = _receiveWait.Begin(cancellationToken);
        try
        {
            await ReadExactlyAsync(_receiveHeader, token).ConfigureAwait(false);
            long announced = BinaryPrimitives.ReadInt64LittleEndian(_receiveHeader);
            if (announced == AbortMarker)
                throw await ReadAbortAsync(token).ConfigureAwait(false);
            if (announced != expected)
                throw new ProtocolMismatchException(
                    $"{MemberNames.Capitalized(LocalParty)}: expected {expected} bytes from {MemberNames.Of(RemoteParty)}, which sent {announced} bytes.");
            for (int i = 0; i < count; i++)
                await ReadExactlyAsync(parts?[i] ?? single, token).ConfigureAwait(false);
            Counters.RecordReceive(expected);
        }
        catch (Exception error)
        {
            _receiveFailure = error.Message;
            throw Translate(error, "receive", _receiveWait, cancellationToken) ?? error;
        }
        finally
        {
            _receiveWait.End();
            Volatile.Write(ref _receiveInFlight, 0);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken token)
    {
        while (!buffer.IsEmpty)
        {
            var chunk = buffer[..Math.Min(buffer.Length, MaxChunkLength)];
            _sendWait.Extend();
            if (_tls is null)
            {
                buffer = buffer[await _socket.SendAsync(chunk, SocketFlags.None, token).ConfigureAwait(false)..];
            }
            else
            {
                await _tls.WriteAsync(chunk, token).ConfigureAwait(false);
                buffer = buffer[chunk.Length..];
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken token)
    {
        while (!buffer.IsEmpty)
        {
            var chunk = buffer[..Math.Min(buffer.Length, MaxChunkLength)];
            _receiveWait.Extend();
            int received = _tls is null
                ? await _socket.ReceiveAsync(chunk, SocketFlags.None, token).ConfigureAwait(false)
                : await _tls.ReadAsync(chunk, token).ConfigureAwait(false);
            if (received == 0)
                throw new PeerLostException($"{MemberNames.Capitalized(LocalParty)}: {MemberNames.Of(RemoteParty)} closed the connection during a receive.");
            buffer = buffer[received..];
        }
    }

    private void Enter(ref int inFlight, string? earlierFailure, string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (earlierFailure is not null)
            throw new InvalidOperationException(
                $"{MemberNames.Capitalized(LocalParty)}: cannot {operation} with {MemberNames.Of(RemoteParty)}: an earlier {operation} failed mid-message ({earlierFailure}).");
        if (Interlocked.Exchange(ref inFlight, 1) != 0)
            throw new InvalidOperationException(
                $"{MemberNames.Capitalized(LocalParty)}: a {operation} with {MemberNames.Of(RemoteParty)} is already in flight; a channel allows one at a time.");
    }

    /// <summary>Maps a socket or TLS failure to the Puma exception that names the party; null keeps the original.</summary>
    private Exception? Translate(Exception error, string operation, PeerWait wait, CancellationToken callerToken)
    {
        if (_disposed)
            return new ObjectDisposedException($"{MemberNames.Capitalized(LocalParty)}: channel to {MemberNames.Of(RemoteParty)} was disposed during a {operation}.", error);
        return error switch
        {
            OperationCanceledException when callerToken.IsCancellationRequested => null,
            OperationCanceledException => new PeerTimeoutException(
                $"{MemberNames.Capitalized(LocalParty)}: {operation} with {MemberNames.Of(RemoteParty)} made no progress for {wait.Timeout.TotalSeconds:0.###} s.", error),
            SocketException or IOException or ObjectDisposedException => new PeerLostException(
                $"{MemberNames.Capitalized(LocalParty)}: lost the connection to {MemberNames.Of(RemoteParty)} during a {operation}: {error.Message}", error),
            _ => null,
        };
    }

    /// <summary>Closes the connection; the peer's pending and later operations fail with <see cref="PeerLostException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (_abortSent)
        {
            _ = CloseAfterPeerAsync();
            return;
        }
        _tls?.Dispose();
        _socket.Dispose();
    }
}
