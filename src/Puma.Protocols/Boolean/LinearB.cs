using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Protocols.Boolean;

/// <summary>
/// Local operations on boolean shares: XOR of shares, XOR/AND with public words, NOT.
/// A public word enters through component 0 (P0's Own, P2's Next). Cost: 0 rounds, 0 bytes.
/// </summary>
public static class LinearB
{
    public static void Xor(BShare x, BShare y, BShare destination)
    {
        Ring.Xor(x.Own.Span, y.Own.Span, destination.Own.Span);
        Ring.Xor(x.Next.Span, y.Next.Span, destination.Next.Span);
    }

    /// <summary>AND with a public mask applies to every component.</summary>
    public static void AndPublic(BShare x, ulong mask, BShare destination)
    {
        Ring.And(x.Own.Span, mask, destination.Own.Span);
        Ring.And(x.Next.Span, mask, destination.Next.Span);
    }

    public static void XorPublic(PartyContext context, BShare x, ulong mask, BShare destination)
    {
        if (!ReferenceEquals(x, destination))
        {
            x.Own.Span.CopyTo(destination.Own.Span);
            x.Next.Span.CopyTo(destination.Next.Span);
        }
        if (context.Id == 0) Ring.Xor(destination.Own.Span, mask, destination.Own.Span);
        if (context.Id == 2) Ring.Xor(destination.Next.Span, mask, destination.Next.Span);
    }

    /// <summary>NOT flips component 0 only (x0 ^ x1 ^ x2 flips once).</summary>
    public static void Not(PartyContext context, BShare x, BShare destination) => XorPublic(context, x, ulong.MaxValue, destination);
}
