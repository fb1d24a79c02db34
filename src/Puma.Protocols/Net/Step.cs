namespace Puma.Protocols.Net;

/// <summary>
/// Protocols are written as coroutines (<c>IEnumerable&lt;Step&gt;</c>): a protocol posts the
/// messages of its current round on the <see cref="Communicator"/>, then yields
/// <see cref="Exchange"/>; the driver performs the round and resumes it with the receive buffers
/// filled. Several independent protocols driven by <see cref="Steps.Together"/> post into the
/// same rounds, so they cost the rounds of the longest, not the sum.
/// </summary>
public enum Step
{
    /// <summary>Run the round: send everything posted, receive everything expected.</summary>
    Exchange,
}

/// <summary>Drivers and combinators for <see cref="Step"/> coroutines.</summary>
public static class Steps
{
    /// <summary>Runs a protocol to completion, one network round per yielded step.</summary>
    public static void Run(this Communicator net, IEnumerable<Step> protocol)
    {
        foreach (var _ in protocol) net.Exchange();
    }

    /// <summary>Interleaves independent protocols so that their rounds coincide.</summary>
    public static IEnumerable<Step> Together(params IEnumerable<Step>[] protocols)
    {
        var active = protocols.Select(p => p.GetEnumerator()).ToList();
        try
        {
            while (active.Count > 0)
            {
                // Advance every protocol to its next exchange point; drop the finished ones.
                active.RemoveAll(e =>
                {
                    if (e.MoveNext()) return false;
                    e.Dispose();
                    return true;
                });
                if (active.Count > 0) yield return Step.Exchange;
            }
        }
        finally
        {
            foreach (var e in active) e.Dispose();
        }
    }
}
