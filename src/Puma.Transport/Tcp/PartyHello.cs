using System.Buffers.Binary;

namespace Puma.Transport;

/// <summary>
/// The first message on a new connection (inside TLS when enabled), telling each side which party
/// is at the other end. Layout in the README: magic "PUMA", version, sender party, addressed
/// party, status. The listener answers with a status, so a rejected client learns why.
/// </summary>
internal static class PartyHello
{
    public const int Version = 1;
    private const int Length = 20;
    private static ReadOnlySpan<byte> Magic => "PUMA"u8;

    public enum Status : uint
    {
        Accepted = 0,
        UnsupportedVersion = 1,
        UnexpectedParty = 2,
        CertificateMismatch = 3,
    }

    public readonly record struct Message(int Version, int Sender, int Addressee, Status Status);

    public static async ValueTask WriteAsync(Stream stream, Message message, CancellationToken cancellationToken)
    {
        byte[] bytes = new byte[Length];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), message.Version);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), message.Sender);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), message.Addressee);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), (uint)message.Status);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a hello; anything that does not start with the magic is a stranger, not a party.</summary>
    public static async ValueTask<Message> ReadAsync(Stream stream, string reader, CancellationToken cancellationToken)
    {
        byte[] bytes = new byte[Length];
        await stream.ReadExactlyAsync(bytes.AsMemory(0, Magic.Length), cancellationToken).ConfigureAwait(false);
        if (!bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new ProtocolMismatchException(
                $"{reader}: the peer's handshake does not start with \"PUMA\" (got {Convert.ToHexString(bytes, 0, Magic.Length)}); it is not a Puma party.");
        await stream.ReadExactlyAsync(bytes.AsMemory(Magic.Length), cancellationToken).ConfigureAwait(false);
        return new Message(
            BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)),
            BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)),
            BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)),
            (Status)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)));
    }
}
