using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;

namespace Puma.Protocols.Compare;

/// <summary>What a party does for one chunk of a vector in a protocol with one privileged party per chunk.</summary>
internal enum ChunkRole
{
    /// <summary>P_k of chunk k: holds components k and k+1, so it knows their combination alone.</summary>
    Holder,

    /// <summary>P_{k+1}: holds components k+1 and k+2.</summary>
    HolderNext,

    /// <summary>P_{k+2} = P_{k-1}: holds components k+2 and k.</summary>
    HolderPrev,
}

/// <summary>
/// The vector is cut into three chunks (as in truncation) and P_k holds chunk k, so every party
/// plays every role once and the links carry equal load. Component k+2 is known to both
/// non-holders (the holder's next as its Next, the holder's prev as its Own). Parties walk the
/// chunks in the same order, which keeps both the messages on each link and the draws on each
/// shared PRG stream in the same order at both ends.
/// </summary>
internal readonly record struct ChunkSlot(int Start, int Length, ChunkRole Role)
{
    public static ChunkSlot[] For(PartyContext context, int length)
    {
        var slots = new ChunkSlot[Parties.Count];
        for (int holder = 0; holder < Parties.Count; holder++)
        {
            var (start, count) = Truncation.ChunkOf(length, holder);
            slots[holder] = new ChunkSlot(start, count, (ChunkRole)Parties.Wrap(context.Id - holder));
        }
        return slots;
    }

    /// <summary>Chunk lengths of a vector of <paramref name="length"/> elements.</summary>
    public static IEnumerable<int> Lengths(int length) => Enumerable.Range(0, Parties.Count).Select(k => Truncation.ChunkOf(length, k).Length);
}
