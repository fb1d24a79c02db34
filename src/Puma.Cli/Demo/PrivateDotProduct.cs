using System.Diagnostics;
using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Profiling;
using Puma.Protocols.Runtime;
using Puma.Simd;

namespace Puma.Cli.Demo;

/// <summary>
/// The whole system in one small computation: a client outside the ring secret-shares two
/// fixed-point vectors; P0, P1 and P2 compute their elementwise product (<see cref="MulTruncAA"/>)
/// and their dot product (<see cref="MatMulTruncAA"/> on 1×n·n×1) on shares only; the results are
/// revealed to the client alone (<see cref="Reveal.RevealToOutside"/>).
/// </summary>
internal static class PrivateDotProduct
{
    public static DemoResult Run(int length, RunOptions options)
    {
        var config = options.Config;
        int bits = config.FractionalBits;
        var (xEncoded, yEncoded) = (ClientVector(length, seed: 11, bits), ClientVector(length, seed: 12, bits));

        var (profiles, client) = ThreePartyRunner.Run(
            context =>
            {
                using var x = Input.ShareFromOutside(context, length);
                using var y = Input.ShareFromOutside(context, length);
                using var product = MulTruncAA.MulTrunc(context, x, y);
                using var dot = MatMulTruncAA.MatMulTrunc(context, x, y, new MatMulShape(1, length, 1));
                Reveal.RevealToOutside(context, product);
                Reveal.RevealToOutside(context, dot);
                return (IReadOnlyList<OperatorProfile>)context.Profiler.Entries.ToArray();
            },
            outside =>
            {
                long start = Stopwatch.GetTimestamp();
                outside.ShareInput(xEncoded);
                outside.ShareInput(yEncoded);
                var product = outside.ReceiveOutput(length);
                var dot = outside.ReceiveOutput(1);
                return (Product: product, Dot: dot[0], Seconds: Stopwatch.GetElapsedTime(start).TotalSeconds);
            },
            options);

        var x = Decode(xEncoded, bits);
        var y = Decode(yEncoded, bits);
        var plainProduct = x.Zip(y, (a, b) => a * b).ToArray();
        return new DemoResult(x, y, plainProduct, Decode(client.Product, bits), plainProduct.Sum(), FixedPoint.Decode(client.Dot, bits), bits, client.Seconds, profiles);
    }

    /// <summary>
    /// Multiples of 1/16 in [-8, 8): exact in fixed point, so the plaintext results are exact and
    /// any difference is the protocols' truncation. Seeded so that runs can be compared.
    /// </summary>
    private static ulong[] ClientVector(int length, int seed, int bits)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => FixedPoint.Encode(random.Next(-128, 128) / 16.0, bits)).ToArray();
    }

    private static double[] Decode(ulong[] values, int bits)
    {
        var decoded = new double[values.Length];
        FixedPoint.Decode(values, decoded, bits);
        return decoded;
    }
}
