using Puma.Protocols.Core;
using Puma.Simd;
using Puma.Transport;

namespace Puma.Protocols.Runtime;

/// <summary>
/// The party outside the ring — the client who owns the prompt and receives the output, or the
/// model owner who shares weights. It deals inputs with seed-compressed packages and
/// reconstructs outputs revealed to it; it never holds more than the parties send it.
/// </summary>
public sealed class OutsideParty : IDisposable
{
    /// <summary>The id the outside party uses on its links.</summary>
    public const int Id = 3;

    private readonly IChannel[] _links;

    /// <param name="links">Links to P0, P1 and P2, in that order.</param>
    public OutsideParty(IReadOnlyList<IChannel> links)
    {
        if (links.Count != Parties.Count) throw new ArgumentException("The outside party needs a link to each of the three parties.", nameof(links));
        _links = [.. links];
    }

    /// <summary>Shares <paramref name="values"/>; each party calls <see cref="Input.ShareFromOutside"/>.</summary>
    public void ShareInput(ReadOnlySpan<ulong> values)
    {
        using var dealing = InputDealing.Create(values);
        var sends = new List<Task>();
        for (int party = 0; party < Parties.Count; party++)
        {
            sends.Add(Send(_links[party], dealing.Seeds, InputDealing.SeedOffsetFor(party), InputDealing.SeedWordsFor(party)));
        }
        Complete(sends);
        sends.Clear();
        for (int party = 0; party < Parties.Count; party++)
        {
            sends.Add(Send(_links[party], dealing.Dense, 0, InputDealing.DenseWordsFor(party, values.Length)));
        }
        Complete(sends);
    }

    /// <summary>Receives x_i from each P_i (see <see cref="Reveal.RevealToOutside"/>) and returns x0 + x1 + x2.</summary>
    public ulong[] ReceiveOutput(int length)
    {
        var components = Enumerable.Range(0, Parties.Count).Select(_ => new NativeArray(length)).ToArray();
        try
        {
            Complete(Enumerable.Range(0, Parties.Count).Select(p => Receive(_links[p], components[p])));
            var result = new ulong[length];
            foreach (var component in components) Ring.Add(result, component.Span, result);
            return result;
        }
        finally
        {
            foreach (var component in components) component.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var link in _links) link.Dispose();
    }

    /// <summary>Waits for every transfer and throws the first failure itself (e.g. one naming the party that timed out), not an aggregate of all three.</summary>
    private static void Complete(IEnumerable<Task> transfers) => Task.WhenAll(transfers).GetAwaiter().GetResult();

    private static unsafe Task Send(IChannel link, NativeArray data, int offset, int length)
    {
        if (length == 0) return Task.CompletedTask;
        return link.SendAsync(new NativeMemoryManager((byte*)(data.Pointer + offset), length * sizeof(ulong)).Memory).AsTask();
    }

    private static unsafe Task Receive(IChannel link, NativeArray data)
    {
        if (data.Length == 0) return Task.CompletedTask;
        return link.ReceiveAsync(new NativeMemoryManager((byte*)data.Pointer, data.Length * sizeof(ulong)).Memory).AsTask();
    }
}
