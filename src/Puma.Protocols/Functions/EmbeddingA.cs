using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Functions;

/// <summary>
/// Embedding lookup [PUMA]: a shared one-hot (n×V, arithmetic 0/1) times the shared table (V×d,
/// fixed point) with <see cref="MatMulAA"/>. The one-hot is an integer factor, so the product keeps
/// the table's scale and needs no truncation: the result is exact.
/// Cost: 1 round, 1 element per party per output element.
/// </summary>
public static class EmbeddingA
{
    public static ProtocolCost Cost(int tokens, int vocabulary, int dimension) => MatMulAA.Cost(new MatMulShape(tokens, vocabulary, dimension));

    public static AShare Embed(PartyContext context, AShare oneHot, AShare table, int tokens, int vocabulary, int dimension)
    {
        using var _ = context.Scope("embedding");
        var z = new AShare(tokens * dimension);
        context.Run(Steps(context, oneHot, table, tokens, vocabulary, dimension, z));
        return z;
    }

    public static IEnumerable<Step> Steps(PartyContext context, AShare oneHot, AShare table, int tokens, int vocabulary, int dimension, AShare destination)
        => MatMulAA.Steps(context, oneHot, table, new MatMulShape(tokens, vocabulary, dimension), destination);
}
