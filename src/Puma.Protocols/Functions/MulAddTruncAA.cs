using System.Runtime.CompilerServices;
using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Functions;

/// <summary>
/// Fused multiply-add-truncate: z = (x·(Σ a_k·y_k) [+ b·u·v] + Σ w_k·t_k + c) &gt;&gt; bits for
/// shares x, y_k, (u, v), t_k and public integers a_k, b, w_k, c. The local product is an
/// additive share of x·Σ a_k·y_k (a second product u·v adds its own to it: a sum of products
/// costs one product); every party adds w_k times its own component of t_k (an additive
/// share of t_k) and P0 adds c, and the sum goes straight into the truncation. So a polynomial's
/// lower-degree terms, its constant and any public power-of-two rescaling cost nothing beyond the
/// one product. All of it is one pass over L1-sized blocks.
/// Exact up to 1 ulp while the sum before truncation stays below 2^62 in magnitude.
/// Cost: as <see cref="MulTruncAA"/>, 2 rounds, 8/3 elements per party per element.
/// </summary>
public static class MulAddTruncAA
{
    public static ProtocolCost Cost(int length) => MulTruncAA.Cost(length);

    /// <summary>(x·y + Σ w_k·t_k + c) &gt;&gt; bits.</summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare y, IReadOnlyList<LinearTerm> terms, ulong constant, int bits, AShare z)
        => Steps(context, x, [new LinearTerm(y, 1)], terms, constant, bits, z);

    /// <summary>(x·(Σ a_k·y_k) [+ b·u·v] + Σ w_k·t_k + c) &gt;&gt; bits, with <paramref name="factor"/> the terms a_k·y_k.</summary>
    public static IEnumerable<Step> Steps(PartyContext context, AShare x, IReadOnlyList<LinearTerm> factor, IReadOnlyList<LinearTerm> terms, ulong constant, int bits, AShare z, (AShare U, AShare V, ulong Weight)? secondProduct = null)
    {
        if (factor.Count == 0) throw new ArgumentException("The product needs a factor.", nameof(factor));
        var part = NativeArray.Uninitialized(x.Length);
        try
        {
            LocalPart(context, x, factor, terms, context.Id == 0 ? constant : 0, secondProduct, part);
            foreach (var step in Truncation.Steps(context, part, dealerContributes: true, bits, z)) yield return step;
        }
        finally
        {
            part.Dispose();
        }
    }

    /// <summary>
    /// This party's additive share of the sum before truncation, block by block (see
    /// <see cref="MulAA.LocalProduct"/> for the replicated product), unmasked: <see cref="Truncation"/> masks it.
    /// </summary>
    [SkipLocalsInit]
    private static void LocalPart(PartyContext context, AShare x, IReadOnlyList<LinearTerm> factor, IReadOnlyList<LinearTerm> terms, ulong constant, (AShare U, AShare V, ulong Weight)? second, NativeArray part)
    {
        int n = x.Length;
        if (factor.Any(t => t.Share.Length != n) || terms.Any(t => t.Share.Length != n) || part.Length != n
            || (second is var (u0, v0, _) && (u0.Length != n || v0.Length != n)))
            throw new ArgumentException($"Operand lengths differ from {n}.");
        bool plainFactor = factor is [{ Weight: 1 }];
        Span<ulong> scratch = stackalloc ulong[3 * Block.Length];
        for (int start = 0; start < n; start += Block.Length)
        {
            int length = Block.LengthAt(start, n);
            var z = part.Slice(start, length);
            var sum = scratch.Slice(2 * Block.Length, length);
            ReadOnlySpan<ulong> own = plainFactor ? factor[0].Share.Own.Slice(start, length) : Combine(factor, nextComponent: false, start, scratch.Slice(0, length));
            ReadOnlySpan<ulong> next = plainFactor ? factor[0].Share.Next.Slice(start, length) : Combine(factor, nextComponent: true, start, scratch.Slice(Block.Length, length));
            MulAA.BlockProduct(x.Own.Slice(start, length), x.Next.Slice(start, length), own, next, sum, z, accumulate: false);
            if (second is var (u, v, weight))
            {
                // The factor's scratch is free again: it takes u·v before its weight is added in.
                var product = scratch.Slice(0, length);
                MulAA.BlockProduct(u.Own.Slice(start, length), u.Next.Slice(start, length), v.Own.Slice(start, length), v.Next.Slice(start, length), sum, product, accumulate: false);
                Ring.MultiplyAdd(product, weight, z, z);
            }
            foreach (var term in terms) Ring.MultiplyAdd(term.Share.Own.Slice(start, length), term.Weight, z, z);
            if (constant != 0) Ring.Add(z, constant, z);
        }
    }

    /// <summary>Σ a_k times one component of y_k (Own, or Next when <paramref name="nextComponent"/>) over a block, into <paramref name="destination"/>.</summary>
    private static Span<ulong> Combine(IReadOnlyList<LinearTerm> factor, bool nextComponent, int start, Span<ulong> destination)
    {
        for (int k = 0; k < factor.Count; k++)
        {
            var share = factor[k].Share;
            var component = (nextComponent ? share.Next : share.Own).Slice(start, destination.Length);
            if (k == 0) Ring.Multiply(component, factor[k].Weight, destination);
            else Ring.MultiplyAdd(component, factor[k].Weight, destination, destination);
        }
        return destination;
    }
}
