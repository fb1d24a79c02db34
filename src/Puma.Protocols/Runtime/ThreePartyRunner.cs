using System.Diagnostics;
using Puma.Protocols.Core;
using Puma.Transport;

namespace Puma.Protocols.Runtime;

/// <summary>
/// Runs a protocol function on P0, P1 and P2 at once in this process — each on a dedicated thread
/// (parties block on their rounds, so they must not hold thread-pool threads) — over in-process
/// channels or TCP loopback, optionally with an outside party (client) on a fourth thread.
/// If any party fails, the others' links are closed so that they fail fast instead of waiting.
/// </summary>
public static class ThreePartyRunner
{
    /// <summary>Runs <paramref name="party"/> at each party and returns the three results.</summary>
    public static T[] Run<T>(Func<PartyContext, T> party, RunOptions? options = null)
        => RunCore<T, object>(party, outside: null, options ?? RunOptions.Default).Parties;

    /// <summary>Runs the three parties and an outside party (the client), returning all results.</summary>
    public static (T[] Parties, TOutside Outside) Run<T, TOutside>(
        Func<PartyContext, T> party, Func<OutsideParty, TOutside> outside, RunOptions? options = null)
    {
        var (results, client) = RunCore(party, outside, options ?? RunOptions.Default);
        return (results, client!);
    }

    private static (T[] Parties, TOutside? Outside) RunCore<T, TOutside>(
        Func<PartyContext, T> party, Func<OutsideParty, TOutside>? outside, RunOptions options)
    {
        if (options.PartyMemory is { Count: not 3 } meters) throw new ArgumentException($"{meters.Count} memory meters for {Parties.Count} parties.", nameof(options));
        var config = options.Config;
        var network = LocalNetwork.Create(options.Transport, outside is not null, config.ReceiveTimeout, options.DecorateLink, options.Network);
        var results = new T[Parties.Count];
        TOutside? outsideResult = default;
        var failures = new Exception?[Parties.Count + 1];
        var allLinks = network.Next.Concat(network.Prev).Concat(network.PartyToOutside ?? []).Concat(network.OutsideToParty ?? []).ToArray();

        void Fail(int member, Exception error)
        {
            failures[member] = error;
            // Closing every link turns the others' pending receives into PeerLostException at once.
            foreach (var link in allLinks) link.Dispose();
        }

        var threads = new List<Thread>();
        for (int id = 0; id < Parties.Count; id++)
        {
            int me = id;
            threads.Add(new Thread(() =>
            {
                try
                {
                    Simd.MemoryMeter.Current = options.PartyMemory?[me];
                    long start = Stopwatch.GetTimestamp();
                    using var context = PartyContext.Create(me, network.Next[me], network.Prev[me], network.PartyToOutside?[me], config);
                    results[me] = party(context);
                    options.Profile?.Record(context, Stopwatch.GetElapsedTime(start));
                }
                catch (Exception error)
                {
                    Fail(me, error);
                }
            }) { Name = $"puma-party-{me}", IsBackground = true });
        }
        if (outside is not null)
        {
            threads.Add(new Thread(() =>
            {
                try
                {
                    using var client = new OutsideParty(network.OutsideToParty!);
                    outsideResult = outside(client);
                }
                catch (Exception error)
                {
                    Fail(OutsideParty.Id, error);
                }
            }) { Name = "puma-outside", IsBackground = true });
        }
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        ThrowFirstCause(failures);
        return (results, outsideResult);
    }

    /// <summary>Reports the failure that caused the others: anything but a lost peer comes first.</summary>
    private static void ThrowFirstCause(Exception?[] failures)
    {
        var cause = failures.FirstOrDefault(f => f is not null and not PeerLostException) ?? failures.FirstOrDefault(f => f is not null);
        if (cause is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(cause).Throw();
    }
}
