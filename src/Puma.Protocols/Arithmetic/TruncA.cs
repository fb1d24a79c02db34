using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Arithmetic;

/// <summary>
/// Arithmetic right shift of a replicated share by d bits (fixed-point rescaling), exact up to
/// 1 ulp for |x| &lt; 2^62, never a large error (see <see cref="Truncation"/>).
/// Cost: 2 rounds, 2 elements per party per element (16 bytes).
/// </summary>
public static class TruncA
{
    public static ProtocolCost Cost(int length) => new(2, (long)Truncation.ElementsPerElement * length * sizeof(ulong));

    public static AShare Trunc(PartyContext context, AShare x, int bits)
    {
        using var _ = context.Scope("trunc");
        var z = AShare.Uninitialized(x.Length);
        context.Run(Steps(context, x, bits, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, int bits, AShare z)
    {
        // The dealer's chunk stays unwritten: without a dealer contribution nobody reads it.
        var part = NativeArray.Uninitialized(x.Length);
        try
        {
            AdditiveParts(context, x, part);
            foreach (var step in Truncation.Steps(context, part, dealerContributes: false, bits, z)) yield return step;
        }
        finally
        {
            part.Dispose();
        }
    }

    /// <summary>Per chunk: A contributes x_{d+1} + x_{d+2} (both its components), B contributes x_d (its Next), D nothing.</summary>
    private static void AdditiveParts(PartyContext context, AShare x, NativeArray part)
    {
        int n = x.Length;
        for (int dealer = 0; dealer < Parties.Count; dealer++)
        {
            var (start, length) = Truncation.ChunkOf(n, dealer);
            var destination = part.Slice(start, length);
            switch (Parties.Wrap(context.Id - dealer))
            {
                case 1:
                    Ring.Add(x.Own.Slice(start, length), x.Next.Slice(start, length), destination);
                    break;
                case 2:
                    x.Next.Slice(start, length).CopyTo(destination);
                    break;
            }
        }
    }
}
