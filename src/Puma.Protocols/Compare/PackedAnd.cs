using Puma.Protocols.Boolean;
using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Compare;

/// <summary>
/// AND of boolean shares whose words each hold one narrow field (the low <c>width</c> bits):
/// the fields are packed 64/width to a word before the round and unpacked after it, so a level
/// of a bit circuit costs its bits, not a word per element. Cost: 1 round, 3 packed words.
/// </summary>
internal static class PackedAnd
{
    public static ProtocolCost Cost(int count, int width) => AndBB.Cost(BitPacking.PackedLength(count, width));

    /// <summary><paramref name="z"/> = x &amp; y on the low <paramref name="width"/> bits of each word (higher bits cleared).</summary>
    public static IEnumerable<Step> Steps(PartyContext context, BShare x, BShare y, int width, BShare z)
    {
        int words = BitPacking.PackedLength(x.Length, width);
        using var packedX = Pack(x, width, words);
        using var packedY = Pack(y, width, words);
        using var packedZ = new BShare(words);
        foreach (var step in AndBB.Steps(context, packedX, packedY, packedZ)) yield return step;
        BitPacking.Unpack(packedZ.Own.Span, width, z.Own.Span);
        BitPacking.Unpack(packedZ.Next.Span, width, z.Next.Span);
    }

    private static BShare Pack(BShare fields, int width, int words)
    {
        var packed = new BShare(words);
        BitPacking.Pack(fields.Own.Span, width, packed.Own.Span);
        BitPacking.Pack(fields.Next.Span, width, packed.Next.Span);
        return packed;
    }
}
