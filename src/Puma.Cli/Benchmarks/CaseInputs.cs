using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Cli.Benchmarks;

/// <summary>
/// Inputs of the benchmarked protocols, secret-shared by P0 before timing starts: fixed-point
/// values uniform in a range (costs do not depend on the values, but a range the protocol is
/// valid for keeps the run honest), uniform 64-bit words and uniform bits for boolean ones.
/// </summary>
internal static class CaseInputs
{
    public static AShare Values(PartyContext context, int length, int seed, double low = -4, double high = 4)
    {
        if (context.Id != 0) return Input.ShareA(context, 0, [], length);
        var random = new Random(seed);
        var values = new ulong[length];
        for (int i = 0; i < length; i++) values[i] = FixedPoint.Encode(low + random.NextDouble() * (high - low), context.Config.FractionalBits);
        return Input.ShareA(context, 0, values, length);
    }

    public static BShare Words(PartyContext context, int length, int seed)
        => Input.ShareB(context, 0, context.Id == 0 ? RandomWords(length, seed) : [], length);

    /// <summary>Boolean shares of single bits (bit 0 of each word), as comparisons produce them.</summary>
    public static BShare Bits(PartyContext context, int length, int seed)
        => Input.ShareB(context, 0, context.Id == 0 ? RandomWords(length, seed).Select(w => w & 1).ToArray() : [], length);

    private static ulong[] RandomWords(int length, int seed)
    {
        var words = new ulong[length];
        new Random(seed).NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()));
        return words;
    }
}
