using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Compare;

/// <summary>
/// Which bit-to-arithmetic conversion a protocol uses: <see cref="BitToArithmetic"/> (1 round,
/// 6 words per bit) where rounds are tight, <see cref="BitToArithmeticByProduct"/> (2 rounds,
/// 4 words) where a round is free because a parallel branch takes longer anyway.
/// </summary>
public enum BitConversion
{
    OneRound,
    FewerBytes,
}

internal static class BitConversionExtensions
{
    public static ProtocolCost Cost(this BitConversion conversion, int length)
        => conversion == BitConversion.FewerBytes ? BitToArithmeticByProduct.Cost(length) : BitToArithmetic.Cost(length);

    public static IEnumerable<Step> Steps(this BitConversion conversion, PartyContext context, BShare bits, AShare destination)
        => conversion == BitConversion.FewerBytes ? BitToArithmeticByProduct.Steps(context, bits, destination) : BitToArithmetic.Steps(context, bits, destination);
}
