using Puma.Protocols.Core;

namespace Puma.Protocols.Tests.Security;

/// <summary>
/// A protocol as the security tests run it. <see cref="Body"/> shares what it needs through its
/// <see cref="PartyView"/>, starts the recording, runs the protocol and returns its arithmetic
/// output (revealed to the client afterwards), or null when it has none.
/// </summary>
/// <param name="OutputLength">Elements of the output the client receives; 0 when it receives nothing.</param>
/// <param name="ClientInput">Whether the client, not P0, shares the secret (<see cref="PartyView.Secret()"/>).</param>
/// <param name="RecordsSetup">Whether the parties record from the start, seed setup included, rather than from <see cref="PartyView.Record"/>.</param>
/// <param name="Opens">Whether the protocol opens the secret to the parties that receive (a reveal): the audit then requires the <see cref="ViewCheck.Opening"/> check to see it.</param>
/// <param name="Expected">
/// For a body that returns null but declares an output, because it delivers the output to the
/// client itself: the plaintext the client must reconstruct from the secret.
/// </param>
internal sealed record ViewedProtocol(string Name, int OutputLength, Func<PartyView, AShare?> Body, bool ClientInput = false, bool RecordsSetup = false, bool Opens = false, Func<ulong[], ulong[]>? Expected = null)
{
    public override string ToString() => Name;
}
