using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Protocols.Runtime;

namespace Puma.Protocols.Tests;

public class TransportRunTests
{
    [Theory]
    [InlineData(TransportKind.Tcp)]
    [InlineData(TransportKind.TcpTls)]
    public void ProtocolsGiveTheSameResultsOverTcp(TransportKind transport)
    {
        var random = new Random(11);
        var x = Enumerable.Range(0, 5000).Select(_ => (ulong)random.NextInt64(-(1L << 30), 1L << 30)).ToArray();
        var z = Harness.Evaluate([x, x], (c, s) => MulTruncAA.MulTrunc(c, s[0], s[1]), new RunOptions { Transport = transport });
        TruncationTests.AssertWithinOneUlp(x.Select(v => (long)v * (long)v >> 18).ToArray(), z);
    }

    [Fact]
    public void IndependentProtocolsShareRounds()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 90).Select(_ => (ulong)random.NextInt64(-(1L << 20), 1L << 20)).ToArray();
        var shape = new MatMulShape(9, 10, 9);
        var results = ThreePartyRunner.Run(context =>
        {
            using var a = Input.ShareA(context, 0, context.Id == 0 ? x : [], x.Length);
            using var product = new AShare(x.Length);
            using var truncated = new AShare(x.Length);
            using var matrix = new AShare(shape.OutputLength);
            long rounds = context.Net.Rounds;
            context.Run(Steps.Together(
                MulAA.Steps(context, a, a, product),
                TruncA.Steps(context, a, 5, truncated),
                MatMulTruncAA.Steps(context, a, a, shape, 18, matrix)));
            long used = context.Net.Rounds - rounds;
            return (Rounds: used, Product: Reveal.RevealToAll(context, product), Truncated: Reveal.RevealToAll(context, truncated));
        });
        Assert.All(results, r => Assert.Equal(2, r.Rounds));
        Assert.Equal(x.Select(v => v * v), results[0].Product);
        TruncationTests.AssertWithinOneUlp(x.Select(v => (long)v >> 5).ToArray(), results[0].Truncated);
    }
}
