using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;
using Puma.Transport;

namespace Puma.Protocols.Tests;

public class FailureTests
{
    [Fact]
    public void APartyThatDiesFailsTheRunWithItsOwnErrorAndNobodyHangs()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ThreePartyRunner.Run(context =>
        {
            using var x = Input.ShareA(context, 0, context.Id == 0 ? new ulong[10] : [], 10);
            if (context.Id == 1) throw new InvalidOperationException("party 1 crashed");
            using var y = MulAA.Mul(context, x, x);
            return 0;
        }));
        Assert.Equal("party 1 crashed", error.Message);
    }

    [Theory]
    [InlineData(TransportKind.InProcess)]
    [InlineData(TransportKind.Tcp)]
    public void AStalledPartyTimesOutNamingThePartyAndOperator(TransportKind transport)
    {
        var options = new RunOptions { Transport = transport, Config = new ProtocolConfig { ReceiveTimeout = TimeSpan.FromMilliseconds(1500) } };
        var error = Assert.Throws<PeerTimeoutException>(() => ThreePartyRunner.Run(context =>
        {
            using var x = Input.ShareA(context, 0, context.Id == 0 ? new ulong[10] : [], 10);
            if (context.Id == 2) Thread.Sleep(5000); // well past the timeout, which is generous so a loaded machine cannot trip it earlier (during input)
            using var y = MulAA.Mul(context, x, x);
            return 0;
        }, options));
        Assert.True(error.Message.Contains("during mul", StringComparison.Ordinal), error.Message);
        Assert.Matches("party [01]", error.Message);
    }

    [Fact]
    public void MismatchedLengthsAreReportedNotMisread()
    {
        var error = Assert.ThrowsAny<PumaException>(() => ThreePartyRunner.Run(context =>
        {
            int length = context.Id == 2 ? 11 : 10;
            using var x = Input.ShareA(context, 0, context.Id == 0 ? new ulong[10] : [], length);
            return 0;
        }));
        Assert.Contains("input", error.Message);
    }
}
