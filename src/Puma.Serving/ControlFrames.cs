using System.Buffers.Binary;
using System.Text.Json;
using Puma.Transport;

namespace Puma.Serving;

/// <summary>
/// The few variable-length control messages of serving (request envelopes and verdicts), sent as
/// JSON on a link before the protocol starts: a 4-byte length message, then the payload.
/// </summary>
internal static class ControlFrames
{
    /// <summary>No control message is larger: a request lists only lengths.</summary>
    public const int MaxBytes = 1 << 20;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task SendAsync<T>(IChannel channel, T message, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        var length = new byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(length, payload.Length);
        await channel.SendAsync(length, cancellationToken).ConfigureAwait(false);
        await channel.SendAsync(payload, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="ProtocolMismatchException">The peer sent something that is not such a message.</exception>
    public static async Task<T> ReceiveAsync<T>(IChannel channel, string what, CancellationToken cancellationToken)
    {
        var length = new byte[sizeof(int)];
        await channel.ReceiveAsync(length, cancellationToken).ConfigureAwait(false);
        var size = BinaryPrimitives.ReadInt32LittleEndian(length);
        if (size is <= 0 or > MaxBytes) throw new ProtocolMismatchException($"{Describe(channel)} sent a {what} of {size} bytes.");
        var payload = new byte[size];
        await channel.ReceiveAsync(payload, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<T>(payload, Json) ?? throw new ProtocolMismatchException($"{Describe(channel)} sent an empty {what}.");
        }
        catch (JsonException failure)
        {
            throw new ProtocolMismatchException($"{Describe(channel)} sent a malformed {what}: {failure.Message}");
        }
    }

    public static string Describe(IChannel channel) => MemberNames.Of(channel.RemoteParty);
}
