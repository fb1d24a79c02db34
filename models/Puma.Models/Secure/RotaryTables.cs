using Puma.Models.Reference;
using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Models.Secure;

/// <summary>
/// Rotary embeddings at public positions as public fixed-point factors:
/// rotated[i] = x[i]·cos[i] + x[partner(i)]·signedSin[i], with signedSin = −sin on the first
/// element of each rotated pair and +sin on the second. Both products are local (public
/// factors), so a rotation costs one truncation: <see cref="TruncA.Cost"/>.
/// </summary>
internal sealed class RotaryTables
{
    private readonly ulong[] _cos;
    private readonly ulong[] _signedSin;
    private readonly int[] _partner;

    /// <summary>
    /// Tables for <paramref name="rows"/> rows of <paramref name="rowLength"/> elements (a whole
    /// number of heads: queries and keys side by side), row r at position
    /// <paramref name="firstPosition"/> + r.
    /// </summary>
    public RotaryTables(RotaryEmbedding rope, int headSize, int firstPosition, int rows, int rowLength, int fractionalBits)
    {
        int length = rows * rowLength, half = headSize / 2;
        _cos = new ulong[length];
        _signedSin = new ulong[length];
        _partner = new int[length];
        for (var head = 0; head < length; head += headSize)
        {
            var position = firstPosition + head / rowLength;
            for (var j = 0; j < half; j++)
            {
                var angle = position / Math.Pow(rope.Theta, 2.0 * j / headSize);
                var (sin, cos) = Math.SinCos(angle);
                var (a, b) = rope.Layout == LlamaRopeLayout.Interleaved
                    ? (head + 2 * j, head + 2 * j + 1)
                    : (head + j, head + j + half);
                _cos[a] = _cos[b] = FixedPoint.Encode(cos, fractionalBits);
                _signedSin[a] = FixedPoint.Encode(-sin, fractionalBits);
                _signedSin[b] = FixedPoint.Encode(sin, fractionalBits);
                (_partner[a], _partner[b]) = (b, a);
            }
        }
    }

    /// <summary>Rotates <paramref name="x"/> into <paramref name="destination"/> (one truncation by f).</summary>
    public IEnumerable<Step> Steps(PartyContext context, AShare x, AShare destination)
    {
        using var swapped = new AShare(x.Length);
        for (var i = 0; i < x.Length; i++)
        {
            swapped.Own.Span[i] = x.Own.Span[_partner[i]];
            swapped.Next.Span[i] = x.Next.Span[_partner[i]];
        }
        using var unscaled = new AShare(x.Length);
        LinearA.MultiplyPublic(x, _cos, unscaled);
        LinearA.MultiplyPublic(swapped, _signedSin, swapped);
        LinearA.Add(unscaled, swapped, unscaled);
        foreach (var step in TruncA.Steps(context, unscaled, context.Config.FractionalBits, destination)) yield return step;
    }
}
