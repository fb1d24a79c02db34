using System.Diagnostics;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Benchmarks;

/// <summary>
/// Runs P0, P1 and P2 with <see cref="ThreePartyRunner"/> and measures each protocol the way a
/// caller sees it: inputs shared beforehand, one warm-up call, then <c>runs</c> calls each
/// started by all three parties together and timed on party 0's wall clock. Bytes and rounds
/// come from the links' counters, so they are measured, not copied from the declaration.
/// </summary>
internal static class ProtocolBenchmark
{
    private sealed record PartyMeasurement(double[] Seconds, long BytesSent, long Rounds);

    public static IReadOnlyList<ProtocolResult> Run(IReadOnlyList<ProtocolCase> cases, int runs, RunOptions options, string transportName)
    {
        using var sync = new PartySync(Parties.Count);
        var perParty = ThreePartyRunner.Run(context =>
        {
            try
            {
                return cases.Select(c => Measure(context, c, runs, sync)).ToArray();
            }
            catch
            {
                sync.Abandon();
                throw;
            }
        }, options);

        return cases.Select((c, i) =>
        {
            var party0 = perParty[0][i];
            var rounds = perParty.Select(p => p[i].Rounds).Distinct().ToArray();
            if (rounds.Length != 1) throw new InvalidOperationException($"The parties ran different numbers of rounds in {c.Name}: {string.Join(", ", rounds)}.");
            double seconds = Sampler.Median(party0.Seconds);
            double bytesPerCall = perParty.Sum(p => p[i].BytesSent) / (double)runs;
            return new ProtocolResult(
                c.Name, c.Elements, transportName, seconds, c.Elements / seconds,
                bytesPerCall / Parties.Count / c.Elements, rounds[0] / runs,
                c.Declared.BytesPerElementPerParty(c.Elements), c.Declared.Rounds,
                c.MultiplyAdds / seconds,
                options.Network?.Name);
        }).ToArray();
    }

    private static PartyMeasurement Measure(PartyContext context, ProtocolCase protocol, int runs, PartySync sync)
    {
        using var call = protocol.Prepare(context);
        sync.Arrive();
        call.Invoke();
        long bytesBefore = context.Net.BytesSent, roundsBefore = context.Net.Rounds;
        var seconds = new double[runs];
        for (int run = 0; run < runs; run++)
        {
            sync.Arrive();
            long start = Stopwatch.GetTimestamp();
            call.Invoke();
            seconds[run] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return new PartyMeasurement(seconds, context.Net.BytesSent - bytesBefore, context.Net.Rounds - roundsBefore);
    }
}
