using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;
using Puma.Simd;

namespace Puma.Protocols.Tests;

/// <summary>The README's embedding example, verbatim, so the documentation cannot rot.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void ClientSquaresItsVectorPrivately()
    {
        var x = new[] { 1.5, -2.25, 3.0 };
        var encoded = new ulong[x.Length];
        FixedPoint.Encode(x, encoded);
        var (_, squares) = ThreePartyRunner.Run(
            party =>
            {
                using var share = Input.ShareFromOutside(party, x.Length);   // the client's input
                using var square = MulTruncAA.MulTrunc(party, share, share);  // fixed-point x·x
                Reveal.RevealToOutside(party, square);                        // only the client learns it
                return 0;
            },
            client =>
            {
                client.ShareInput(encoded);
                var result = new double[x.Length];
                FixedPoint.Decode(client.ReceiveOutput(x.Length), result);
                return result;                                                // 2.25, 5.0625, 9
            },
            new RunOptions { Transport = TransportKind.InProcess });
        Assert.Equal([2.25, 5.0625, 9.0], squares, (a, b) => Math.Abs(a - b) <= 1e-5);
    }
}
