using Puma.Protocols.Core;
using Puma.Protocols.Runtime;

namespace Puma.Protocols.Tests.Security;

/// <summary>
/// Runs a <see cref="ViewedProtocol"/> at three in-process parties and a client, recording every
/// word each of them receives. The parties reveal the protocol's output to the client at the end,
/// as the serving pipeline does with its results.
/// </summary>
internal static class ViewHarness
{
    public static RecordedRun Run(ViewedProtocol protocol, ulong[] secret)
    {
        var recorder = new WireRecorder();
        if (protocol.RecordsSetup)
        {
            for (int party = 0; party < 3; party++) recorder.Start(party);
        }
        var (parties, received) = ThreePartyRunner.Run(context =>
        {
            using var view = new PartyView(context, secret, protocol.ClientInput, recorder);
            using var output = protocol.Body(view);
            if (!view.Recording) throw new InvalidOperationException($"{protocol.Name} never started its recording.");
            // A body without output that declares one delivers it to the client itself (see ViewedProtocol.Expected).
            if (output is null) return (Output: Array.Empty<ulong>(), view.Held);
            if (output.Length != protocol.OutputLength)
                throw new InvalidOperationException($"{protocol.Name} declares {protocol.OutputLength} output elements but returned {output.Length}.");
            Reveal.RevealToOutside(context, output);
            return (Output: output.Own.ToArray(), view.Held);
        }, client =>
        {
            // The client's view is everything it receives: nothing but the output components.
            recorder.Start(OutsideParty.Id);
            if (protocol.ClientInput) client.ShareInput(secret);
            return protocol.OutputLength > 0 ? client.ReceiveOutput(protocol.OutputLength) : Array.Empty<ulong>();
        }, new RunOptions { DecorateLink = link => new RecordingChannel(link, recorder) });
        return new RecordedRun(recorder.Snapshot(), [.. parties.Select(p => p.Output)], received, [.. parties.Select(p => p.Held)]);
    }
}

/// <summary>
/// One recorded run: the view, each party's component i of the output (x_i, what P_i sends the
/// client), what the client reconstructed, and each party's components of the secret.
/// </summary>
internal sealed record RecordedRun(RecordedView View, ulong[][] OutputComponents, ulong[] ClientOutput, IReadOnlyList<HeldShare>[] Held)
{
    /// <summary>The output x0 + x1 + x2, from the parties' components (empty without output).</summary>
    public ulong[] Output()
    {
        var sum = new ulong[OutputComponents[0].Length];
        foreach (var component in OutputComponents)
        {
            for (int i = 0; i < sum.Length; i++) sum[i] += component[i];
        }
        return sum;
    }
}
