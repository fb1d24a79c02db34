namespace Puma.Protocols.Tests.Security;

/// <summary>Which property of the recorded views a finding breaks.</summary>
internal enum ViewCheck
{
    /// <summary>A link's words are not uniform, per bit or per byte.</summary>
    Uniformity,

    /// <summary>A link's words (or message sizes) on one secret differ in distribution from those on the other.</summary>
    TwoSample,

    /// <summary>A member received a word twice, or a word and its negation, in one run.</summary>
    PadReuse,

    /// <summary>A word received in one run was received again in a run on the same secret with fresh seeds.</summary>
    CrossRun,

    /// <summary>The client received more or other than the three components of the output.</summary>
    ClientOutput,

    /// <summary>A message completes its receiver's components of the secret into the secret.</summary>
    Opening,
}

internal sealed record ViewFinding(ViewCheck Check, string Message)
{
    public override string ToString() => $"{Check}: {Message}";
}

/// <summary>What an audit found, and how many received words (over its three runs) it examined.</summary>
internal sealed record ViewAuditResult(IReadOnlyList<ViewFinding> Findings, long Words);

/// <summary>
/// Runs a protocol three times — on secret A, on secret B, and on A again (fresh seeds, as every
/// request gets) — and reports every way in which what the parties and the client received
/// depends on the secret, repeats a pad, or opens the secret.
/// </summary>
internal static class ViewAudit
{
    /// <param name="length">Elements of the secrets (kinds of <see cref="SecretInputs"/>) the protocol takes.</param>
    public static ViewAuditResult Audit(ViewedProtocol protocol, int length, string secretA, string secretB)
    {
        var a = SecretInputs.Make(secretA, length);
        var b = SecretInputs.Make(secretB, length);
        var runA = ViewHarness.Run(protocol, a);
        var runB = ViewHarness.Run(protocol, b);
        var runAgain = ViewHarness.Run(protocol, a);

        var findings = new List<ViewFinding>();
        void Report(ViewCheck check, string? failure, string where)
        {
            if (failure is not null) findings.Add(new ViewFinding(check, $"{where}: {failure}"));
        }

        if (!runA.View.Links.Any()) findings.Add(new ViewFinding(ViewCheck.Uniformity, "nobody received anything: the recording missed the protocol"));
        foreach (var link in runA.View.Links.Union(runB.View.Links))
        {
            var wordsA = runA.View.Words(link);
            var wordsB = runB.View.Words(link);
            Report(ViewCheck.Uniformity, ViewChecks.Uniformity(wordsA), $"{link} on {secretA}");
            Report(ViewCheck.Uniformity, ViewChecks.Uniformity(wordsB), $"{link} on {secretB}");
            if (!runA.View.MessageSizes(link).SequenceEqual(runB.View.MessageSizes(link)))
                findings.Add(new ViewFinding(ViewCheck.TwoSample, $"{link}: message sizes differ between {secretA} and {secretB}"));
            else Report(ViewCheck.TwoSample, ViewChecks.TwoSample(wordsA, wordsB), $"{link}, {secretA} against {secretB}");
        }
        foreach (var (run, secret) in new[] { (runA, secretA), (runB, secretB) })
        {
            foreach (int member in run.View.Receivers) Report(ViewCheck.PadReuse, ViewChecks.PadReuse(run.View.WordsTo(member)), $"{Link.Name(member)} on {secret}");
            ClientOutput(protocol, run, secret == secretA ? a : b, secret, findings);
            Openings(protocol, run, secret, findings);
        }
        Report(ViewCheck.CrossRun, ViewChecks.SharedWords(runA.View.AllWords(), runAgain.View.AllWords()), $"two runs on {secretA}");
        long words = new[] { runA, runB, runAgain }.Sum(r => (long)r.View.AllWords().Length);
        return new ViewAuditResult(findings, words);
    }

    /// <summary>
    /// No message completes its receiver's components of the secret, except in a protocol that
    /// opens it, where the check must see the opening (so it is known to work on real traffic).
    /// </summary>
    private static void Openings(ViewedProtocol protocol, RecordedRun run, string secret, List<ViewFinding> findings)
    {
        var openings = new List<ViewFinding>();
        foreach (var link in run.View.Links.Where(l => l.Receiver < run.Held.Length))
        {
            foreach (var message in run.View.Messages(link))
            {
                foreach (var held in run.Held[link.Receiver])
                {
                    if (ViewChecks.Opening(message, held) is { } failure) openings.Add(new ViewFinding(ViewCheck.Opening, $"{link} on {secret}: {failure}"));
                }
            }
        }
        if (!protocol.Opens) findings.AddRange(openings);
        else if (openings.Count == 0) findings.Add(new ViewFinding(ViewCheck.Opening, $"on {secret}: the reveal opened nothing the check could see"));
    }

    /// <summary>
    /// The client's links carry exactly one message each, of the output's length, and nothing
    /// else: component x_i of the output from P_i where the harness revealed the body's output, or,
    /// where the body delivered it itself (<see cref="ViewedProtocol.Expected"/>), terms that add
    /// up to the expected plaintext. Anything else the client received is a finding.
    /// </summary>
    private static void ClientOutput(ViewedProtocol protocol, RecordedRun run, ulong[] secretValues, string secret, List<ViewFinding> findings)
    {
        int client = Runtime.OutsideParty.Id;
        bool revealed = run.OutputComponents[0].Length > 0;
        foreach (var link in run.View.Links.Where(l => l.Receiver == client))
        {
            bool designated = revealed
                ? run.View.Words(link).SequenceEqual(run.OutputComponents[link.Sender])
                : protocol.Expected is not null && run.View.MessageSizes(link).SequenceEqual([protocol.OutputLength]);
            if (!designated) findings.Add(new ViewFinding(ViewCheck.ClientOutput, $"{link} on {secret}: {run.View.Words(link).Length} words that are not the sender's part of the output"));
        }
        var expected = revealed ? run.Output() : protocol.Expected?.Invoke(secretValues) ?? [];
        if (!expected.SequenceEqual(run.ClientOutput))
            findings.Add(new ViewFinding(ViewCheck.ClientOutput, $"on {secret}: the client's sum is not the output"));
    }
}
