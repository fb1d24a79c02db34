using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Protocols.Arithmetic;

/// <summary>
/// Local (communication-free) linear operations on arithmetic shares: each party applies the
/// operation to both of its components. Adding a public constant touches component 0 only,
/// which P0 holds as <see cref="AShare.Own"/> and P2 as <see cref="AShare.Next"/>.
/// Cost: 0 rounds, 0 bytes. Destinations may be an input.
/// </summary>
public static class LinearA
{
    public static void Add(AShare x, AShare y, AShare destination)
    {
        Ring.Add(x.Own.Span, y.Own.Span, destination.Own.Span);
        Ring.Add(x.Next.Span, y.Next.Span, destination.Next.Span);
    }

    public static void Subtract(AShare x, AShare y, AShare destination)
    {
        Ring.Subtract(x.Own.Span, y.Own.Span, destination.Own.Span);
        Ring.Subtract(x.Next.Span, y.Next.Span, destination.Next.Span);
    }

    public static void Negate(AShare x, AShare destination)
    {
        Ring.Negate(x.Own.Span, destination.Own.Span);
        Ring.Negate(x.Next.Span, destination.Next.Span);
    }

    /// <summary>Multiplies by a public integer (no truncation: integer factors keep the scale).</summary>
    public static void MultiplyPublic(AShare x, ulong factor, AShare destination)
    {
        Ring.Multiply(x.Own.Span, factor, destination.Own.Span);
        Ring.Multiply(x.Next.Span, factor, destination.Next.Span);
    }

    /// <summary>accumulator += factor·x, in one pass per component.</summary>
    public static void AddMultiple(AShare accumulator, AShare x, ulong factor)
    {
        Ring.MultiplyAdd(x.Own.Span, factor, accumulator.Own.Span, accumulator.Own.Span);
        Ring.MultiplyAdd(x.Next.Span, factor, accumulator.Next.Span, accumulator.Next.Span);
    }

    /// <summary>Multiplies elementwise by public integers.</summary>
    public static void MultiplyPublic(AShare x, ReadOnlySpan<ulong> factors, AShare destination)
    {
        Ring.Multiply(x.Own.Span, factors, destination.Own.Span);
        Ring.Multiply(x.Next.Span, factors, destination.Next.Span);
    }

    /// <summary>Adds a public constant to every element.</summary>
    public static void AddPublic(PartyContext context, AShare x, ulong constant, AShare destination)
    {
        CopyIfNeeded(x, destination);
        if (context.Id == 0) Ring.Add(x.Own.Span, constant, destination.Own.Span);
        if (context.Id == 2) Ring.Add(x.Next.Span, constant, destination.Next.Span);
    }

    /// <summary>Adds public constants elementwise.</summary>
    public static void AddPublic(PartyContext context, AShare x, ReadOnlySpan<ulong> constants, AShare destination)
    {
        CopyIfNeeded(x, destination);
        if (context.Id == 0) Ring.Add(x.Own.Span, constants, destination.Own.Span);
        if (context.Id == 2) Ring.Add(x.Next.Span, constants, destination.Next.Span);
    }

    /// <summary>A share of a public vector: component 0 holds it, the others are zero.</summary>
    public static AShare FromPublic(PartyContext context, ReadOnlySpan<ulong> values)
    {
        var share = new AShare(values.Length);
        if (context.Id == 0) values.CopyTo(share.Own.Span);
        if (context.Id == 2) values.CopyTo(share.Next.Span);
        return share;
    }

    private static void CopyIfNeeded(AShare x, AShare destination)
    {
        if (ReferenceEquals(x, destination)) return;
        x.Own.Span.CopyTo(destination.Own.Span);
        x.Next.Span.CopyTo(destination.Next.Span);
    }
}
