using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Compare;

/// <summary>
/// How a protocol takes the signs of its differences: exactly over all 64 bits (<see cref="MsbA"/>,
/// 6 rounds), or from a 32-bit window when the differences are bounded and an error below
/// 2^(shift+1) at 0 is harmless (<see cref="CoarseMsbA"/>, 5 rounds, half the bytes).
/// </summary>
public sealed record SignMethod
{
    private SignMethod(int? shift) => Shift = shift;

    public static SignMethod Exact { get; } = new((int?)null);

    /// <summary>Signs of differences bounded by |d| &lt; 2^<paramref name="magnitudeBits"/> (ring units).</summary>
    public static SignMethod Coarse(int magnitudeBits) => new(CoarseMsbA.ShiftFor(magnitudeBits));

    /// <summary>The window shift L of <see cref="CoarseMsbA"/>, or null for the exact sign.</summary>
    public int? Shift { get; }

    public int Rounds => Cost(0).Rounds;

    public ProtocolCost Cost(int length) => Shift is null ? MsbA.Cost(length) : CoarseMsbA.Cost(length);

    /// <summary>One bit per word of <paramref name="destination"/>: 1 where x is negative (for the coarse method: x − ε, 0 ≤ ε &lt; 2^(L+1)).</summary>
    public IEnumerable<Step> Steps(PartyContext context, AShare x, BShare destination)
        => Shift is int shift ? CoarseMsbA.Steps(context, x, shift, destination) : MsbA.Steps(context, x, destination);
}
