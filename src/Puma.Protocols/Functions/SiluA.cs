using Puma.Protocols.Core;
using Puma.Protocols.Net;

namespace Puma.Protocols.Functions;

/// <summary>
/// SiLU (x·sigmoid(x)), accurate to ~2e-5: 0 below −14 (|silu| ≤ 14e^−14 = 1.2e-5), x from 14 up,
/// and between them five minimax polynomials (Remez, absolute error; tools/fit/silu.py), each in its own centred
/// variable (<see cref="SegmentVariable"/>) so that its powers stay in [−1, 1]:
/// <list type="bullet">
/// <item>[−14, −8) and [8, 14): degree 4 in t = (x ∓ 11)/4, error 1.7e-5;</item>
/// <item>[−8, −1.75) and [1.75, 8): degree 8 in t = (x ∓ 4.875)/4, error 8.1e-6 (the positive one is
/// the mirror silu(x) = x + silu(−x) of the negative one);</item>
/// <item>[−1.75, 1.75): x/2 plus an even degree-8 fit of silu(x) − x/2 in t = x/2, error 4.9e-6 (no x³).</item>
/// </list>
/// PUMA's own SiLU (two polynomials, max error ≈ 0.01) made the secure stories260k logits differ
/// from the plaintext ones by up to 0.3 after 5 layers; this one costs more bytes (15 products
/// and 6 comparisons per element instead of 5 and 4) but the same rounds.
/// Valid for |x| &lt; 2^43. Error against exact SiLU (PiecewiseFunctionTests, grid of 2^-8 steps on
/// [−16, 16] plus seams ±1 ulp): max abs 2.0e-5, mean abs 7.0e-6; against the piecewise polynomial
/// itself (fixed-point error only) 4.6e-6.
/// Cost: 8 rounds; 525.75 bytes per element per party (<see cref="Cost"/>).
/// </summary>
public static class SiluA
{
    private const double Cutoff = 14;

    private static readonly double[] Tail = [-0.0001900623508397228, -0.0005660338291878473, -0.001058944572682252, -0.002119932224842336, -0.0017746253276794371];

    private static readonly double[] Shoulder = [-0.03694700642637043, -0.11631004354799876, -0.16798007475538806, -0.13668445729331344, -0.04967703936123218, 0.0431761880001687, 0.10422294816813205, 0.08605099681636275, 0.02449809190073497];

    private static readonly double[] Centre = [4.904839939884425e-06, 1.0, 0.9996608787183197, 0.0, -0.32955277673399963, 0.0, 0.11815807592958597, 0.0, -0.027091178574792926];

    public static Piecewise Function(int fractionalBits) => new(
        [-Cutoff, -8, -1.75, 1.75, 8, Cutoff],
        [[0], Tail, Shoulder, Centre, Mirror(Shoulder, 4.875, 2), Mirror(Tail, 11, 2), [0, 1]],
        Bound: Cutoff,
        Variables: [new(0, 0), new(-11, 2), new(-4.875, 2), new(0, 1), new(4.875, 2), new(11, 2), new(0, 0)]);

    /// <summary>
    /// The segment on [a, b] (centre c, t = (x − c)/2^s) from the one on [−b, −a]: silu(x) = x + silu(−x),
    /// and −x = −c − 2^s·t is the negative segment's variable at −t, so q(t) = c + 2^s·t + p(−t).
    /// </summary>
    private static double[] Mirror(double[] negative, double centre, int shift)
    {
        var mirrored = negative.Select((value, k) => k % 2 == 0 ? value : -value).ToArray();
        mirrored[0] += centre;
        mirrored[1] += Math.ScaleB(1, shift);
        return mirrored;
    }

    public static ProtocolCost Cost(int length, int fractionalBits) => PiecewiseA.Cost(length, Function(fractionalBits));

    public static AShare Silu(PartyContext context, AShare x) => PiecewiseA.Evaluate(context, x, Function(context.Config.FractionalBits), "silu");

    public static IEnumerable<Step> Steps(PartyContext context, AShare x, AShare destination)
        => PiecewiseA.Steps(context, x, Function(context.Config.FractionalBits), destination);
}
