using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;

namespace Puma.Protocols.Tests;

public class ProfilerTests
{
    [Fact]
    public void ScopesAccumulateCallsBytesAndRoundsPerOperator()
    {
        const int length = 120;
        var profiles = ThreePartyRunner.Run(context =>
        {
            using var x = Input.ShareA(context, 0, context.Id == 0 ? new ulong[length] : [], length);
            using (context.Scope("layer"))
            {
                MulAA.Mul(context, x, x).Dispose();
                MulAA.Mul(context, x, x).Dispose();
                TruncA.Trunc(context, x, 18).Dispose();
            }
            return context.Profiler.Entries.ToDictionary(e => e.Name);
        });
        foreach (var profile in profiles)
        {
            Assert.Equal(2, profile["mul"].Calls);
            Assert.Equal(2, profile["mul"].Rounds);
            Assert.Equal(2L * length * sizeof(ulong), profile["mul"].BytesSent);
            Assert.Equal(2, profile["trunc"].Rounds);
            // Scopes are inclusive: the enclosing operator carries everything inside it.
            Assert.Equal(4, profile["layer"].Rounds);
            Assert.Equal(profile["mul"].BytesSent + profile["trunc"].BytesSent, profile["layer"].BytesSent);
            Assert.True(profile["layer"].Time >= profile["mul"].Time);
            Assert.Equal(1, profile["setup"].Rounds);
        }
        Assert.Equal(TruncA.Cost(length).TotalBytesSent, profiles.Sum(p => p["trunc"].BytesSent));
    }
}
