using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;

namespace Puma.Protocols.Tests.Security;

/// <summary>
/// Deliberately broken protocols that show each check of <see cref="ViewAudit"/> can fail. In
/// each, the parties open the secret x before the recording starts (a stand-in for any value a
/// party may not send as is), then P0 sends P1 messages made from x and a pad.
/// </summary>
internal static class LeakyProtocols
{
    /// <summary>Pad words a reusing fake reuses: few enough that the stream still looks uniform.</summary>
    private const int Reused = 16;

    private static readonly ulong[] FixedSeed = [0x0123456789ABCDEF, 0xFEDCBA9876543210];

    public static ViewedProtocol Named(string name) => name switch
    {
        // x under a fresh uniform pad: what a correct protocol sends.
        "fresh_pad" => FromP0ToP1(name, (x, pad) => [Add(x, pad)]),
        // x + 0: no pad at all.
        "no_pad" => FromP0ToP1(name, (x, _) => [x]),
        // A pad that covers only the low 32 bits.
        "low_bits_pad" => FromP0ToP1(name, (x, pad) => [Add(x, [.. pad.Select(r => r & uint.MaxValue)])]),
        // A pad from a PRG with a fixed seed: fine within a request, replayed by the next one.
        "fixed_seed_pad" => FromP0ToP1(name, (x, _) => [Add(x, FixedSeedStream(x.Length))]),
        // x + r, then x under a fresh pad except on the first few elements, which get r (or −r) again.
        "reused_pad" => FromP0ToP1(name, (x, pad) => [Add(x, pad), Add(x, Reusing(pad, r => r))]),
        "negated_pad" => FromP0ToP1(name, (x, pad) => [Add(x, pad), Add(x, Reusing(pad, r => 0UL - r))]),
        // Uniform words, but fewer of them when the secret is all zeros: the length leaks.
        "secret_dependent_length" => FromP0ToP1(name, (x, pad) => [Add(x, pad)[..(x.All(w => w == 0) ? x.Length / 2 : x.Length)]]),
        // The client receives the components of an intermediate (here the secret input) as if it were the output.
        "intermediate_to_client" => new(name, ProtocolCatalog.Length, v =>
        {
            var x = v.Secret();
            v.Record();
            v.Context.Net.Send(Peer.Outside, x.Own);
            v.Context.Net.Exchange();
            return null;
        }),
        // Each party sends prev its component x_(i+1), which prev lacks: a reveal nobody asked for.
        "raw_component" => new(name, 0, v =>
        {
            var x = v.Secret();
            v.Record();
            using var missing = new NativeArray(x.Length);
            v.Context.Net.Send(Peer.Prev, x.Next);
            v.Context.Net.Receive(Peer.Next, missing);
            v.Context.Net.Exchange();
            return null;
        }),
        _ => throw new ArgumentException($"No leaky protocol '{name}'.", nameof(name)),
    };

    /// <summary>The parties open x; P0 sends P1 the messages <paramref name="make"/> builds from x and a fresh pad (P1, knowing x, knows their sizes).</summary>
    private static ViewedProtocol FromP0ToP1(string name, Func<ulong[], ulong[], ulong[][]> make) => new(name, 0, v =>
    {
        var context = v.Context;
        var x = Reveal.RevealToAll(context, v.Secret());
        v.Record();
        var sent = make(x, FreshPad(x.Length));
        var buffers = context.Id switch
        {
            0 => sent.Select(m => new NativeArray(m)).ToArray(),
            1 => sent.Select(m => new NativeArray(m.Length)).ToArray(),
            _ => [],
        };
        foreach (var buffer in buffers)
        {
            if (context.Id == 0) context.Net.Send(Peer.Next, buffer);
            else context.Net.Receive(Peer.Prev, buffer);
        }
        context.Net.Exchange();
        foreach (var buffer in buffers) buffer.Dispose();
        return null;
    });

    /// <summary>A fresh pad, except that its first <see cref="Reused"/> words are <paramref name="reuse"/> of <paramref name="pad"/>'s.</summary>
    private static ulong[] Reusing(ulong[] pad, Func<ulong, ulong> reuse)
    {
        var second = FreshPad(pad.Length);
        for (int i = 0; i < Reused; i++) second[i] = reuse(pad[i]);
        return second;
    }

    private static ulong[] Add(ulong[] x, ulong[] pad) => [.. x.Zip(pad, (a, b) => a + b)];

    private static ulong[] FreshPad(int length)
    {
        var pad = new ulong[length];
        RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(pad.AsSpan()));
        return pad;
    }

    private static ulong[] FixedSeedStream(int length)
    {
        var pad = new ulong[length];
        InputDealing.Expand(FixedSeed, pad);
        return pad;
    }
}
