using System.Diagnostics;

namespace Puma.Cli.Tests;

/// <summary>
/// Failures of a deployment of three <c>puma party</c> processes, caused as they happen in
/// production: a party or the client killed mid-request, a party on another sharing's bundle,
/// a client with keys that are not pinned, a damaged bundle file. The stories260k bundle keeps
/// them fast (the tiny test checkpoints have no tokenizer for <c>puma client</c>).
/// </summary>
[Collection(PartyProcessCollection.Name)]
public sealed class PartyProcessFailureTests : IDisposable
{
    private const string Prompt = "Once upon a time";

    /// <summary>The bound for the client and the surviving parties to report a lost party.</summary>
    private static readonly TimeSpan ReportLimit = TimeSpan.FromSeconds(5);

    /// <summary>A bound on anything else: a whole short request, a party noticing a refusal or a lost client.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SkippableFact]
    public void AKilledPartyFailsTheRequestOnEveryProcessWithinFiveSecondsNamingItAndRejoinsAfterARestart()
    {
        var bundle = ShareStories("bundle");
        using var parties = new PartyProcesses(_folder.Path, bundle);
        var client = parties.Client(bundle, LongGeneration);
        Assert.True(client.WaitForOutput(HasAToken, Limit), $"no token was streamed {client.Describe()}");

        parties.Kill(2);
        var clock = Stopwatch.StartNew();

        var exitCode = client.WaitForExit(ReportLimit);
        Assert.True(exitCode is not null and not 0, $"the client did not fail within {ReportLimit.TotalSeconds} s {client.Describe()}");
        Assert.Contains("party 2", client.Error, StringComparison.OrdinalIgnoreCase);
        // Each survivor names party 2, also the one that only saw the other survivor give up:
        // the first to notice tells the others who failed before it closes its links.
        foreach (var survivor in new[] { 0, 1 })
        {
            var failed = parties.Party(survivor).WaitForOutput(log => HasLine(log, "failed"), Remaining(clock, ReportLimit));
            Assert.True(failed, $"party {survivor} did not log the failure within {ReportLimit.TotalSeconds} s {parties.Party(survivor).Describe()}");
            Assert.True(HasLine(parties.Party(survivor).Output, "failed", "party 2"),
                $"party {survivor} did not name party 2 {parties.Party(survivor).Describe()}; party {1 - survivor}: {parties.Party(1 - survivor).Describe()}");
        }

        parties.Start(2, bundle);
        AssertNextRequestMatchesTheEmbeddedRun(parties, bundle);
    }

    [SkippableFact]
    public void APartyServingAnotherSharingIsRefusedAtTheHandshakeNamingTheBundleId()
    {
        var bundle = ShareStories("bundle");
        var other = ShareStories("other");
        using var parties = new PartyProcesses(_folder.Path, [bundle, bundle, other]);

        var client = parties.Client(bundle, ShortGeneration);

        var exitCode = client.WaitForExit(Limit);
        Assert.True(exitCode is not null and not 0, $"the request was not refused {client.Describe()}");
        Assert.Contains("bundle id", client.Error, StringComparison.Ordinal);
        foreach (var party in new[] { 1, 2 })
            Assert.True(parties.Party(party).WaitForOutput(log => log.Contains("bundle id", StringComparison.Ordinal), Limit), parties.Party(party).Describe());
        // Party 2 refused party 1's dial too: party 1 passes the refusal back to party 0, which
        // fails the request at once rather than after its rendezvous timeout (the parties' --timeout, 120 s).
        Assert.True(parties.Party(0).WaitForOutput(log => HasLine(log, "failed", "refused", "bundle id"), Limit), parties.Party(0).Describe());
    }

    [SkippableFact]
    public void AClientWhoseCertificateIsNotPinnedIsRefused()
    {
        var bundle = ShareStories("bundle");
        using var parties = new PartyProcesses(_folder.Path, bundle);
        var otherCluster = PartyProcesses.WriteCertificates(Path.Combine(_folder.Path, "other-certs"), parties.Endpoints);

        var client = parties.Client(bundle, ShortGeneration, otherCluster);

        var exitCode = client.WaitForExit(Limit);
        Assert.True(exitCode is not null and not 0, $"the client was not refused {client.Describe()}");
        Assert.Contains("pinned", client.Error, StringComparison.Ordinal);
        var clock = Stopwatch.StartNew();
        Assert.True(Enumerable.Range(0, 3).Any(party => parties.Party(party).WaitForOutput(log => log.Contains("pinned for no party", StringComparison.Ordinal), Remaining(clock, Limit))),
            "no party logged that it refused the client's certificate");
    }

    [SkippableTheory]
    [InlineData(1, "component2.bin", false, "truncated")]
    [InlineData(0, "seeds.bin", true, "corrupted")]
    public void ADamagedBundleFileStopsThePartyAtLoadWithOneLineNamingIt(int party, string file, bool corrupt, string named)
    {
        var bundle = ShareStories("bundle");
        var damaged = Path.Combine(bundle, $"party{party}", file);
        if (corrupt) FlipOneByte(damaged);
        else Truncate(damaged);
        var cluster = PartyProcesses.WriteCertificates(Path.Combine(_folder.Path, "certs"), ["127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3"]);

        using var process = PumaProcess.Start("party", "--id", $"{party}", "--cluster", cluster, "--bundle", Path.Combine(bundle, $"party{party}"));

        Assert.True(process.WaitForExit(Limit) == 1, process.Describe());
        var error = process.Error.Trim();
        Assert.Single(error.Split('\n'));
        Assert.Contains(damaged, error, StringComparison.Ordinal);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void AClientKilledMidRequestIsDroppedByEveryPartyAndTheNextRequestIsServed()
    {
        var bundle = ShareStories("bundle");
        using var parties = new PartyProcesses(_folder.Path, bundle);
        var client = parties.Client(bundle, LongGeneration);
        Assert.True(client.WaitForOutput(HasAToken, Limit), $"no token was streamed {client.Describe()}");

        client.Kill();

        // A party waiting on a peer hears from the party that lost the client why it gave up, so every party names the client.
        for (var party = 0; party < 3; party++)
        {
            Assert.True(parties.Party(party).WaitForOutput(log => HasLine(log, "failed"), Limit), $"party {party} did not drop the request {parties.Party(party).Describe()}");
            Assert.True(HasLine(parties.Party(party).Output, "failed", "the client"), $"party {party} did not name the client {parties.Party(party).Describe()}");
        }
        AssertNextRequestMatchesTheEmbeddedRun(parties, bundle);
    }

    /// <summary>Long enough (about 200 tokens) that a kill after the first token lands mid-request.</summary>
    private static string[] LongGeneration => ["run", "--prompt", Prompt, "--max-tokens", "200"];

    private static string[] ShortGeneration => ["run", "--prompt", Prompt, "--max-tokens", "4", "--json"];

    private static string Stories => SharedData.Path("models", "stories260k");

    private string ShareStories(string name) => PartyProcesses.Share(Stories, Path.Combine(_folder.Path, name));

    private static void AssertNextRequestMatchesTheEmbeddedRun(PartyProcesses parties, string bundle)
    {
        var next = parties.Client(bundle, ShortGeneration);
        Assert.True(next.WaitForExit(Limit) == 0, $"the next request failed {next.Describe()}");
        var embedded = Cli.Run("run", "--model", Stories, "--prompt", Prompt, "--max-tokens", "4", "--json");
        Assert.Equal(RunJson.GeneratedIds(embedded.Output), RunJson.GeneratedIds(next.Output));
    }

    /// <summary>The streamed text has gone past the prompt: the parties revealed a first token.</summary>
    private static bool HasAToken(string output) => output.Length > Prompt.Length;

    private static bool HasLine(string log, params string[] words) =>
        log.Split('\n').Any(line => words.All(word => line.Contains(word, StringComparison.OrdinalIgnoreCase)));

    private static TimeSpan Remaining(Stopwatch clock, TimeSpan limit) => limit > clock.Elapsed ? limit - clock.Elapsed : TimeSpan.Zero;

    private static void Truncate(string path)
    {
        using var stream = File.Open(path, FileMode.Open);
        stream.SetLength(stream.Length / 2);
    }

    private static void FlipOneByte(string path)
    {
        using var stream = File.Open(path, FileMode.Open);
        stream.Position = stream.Length / 2;
        var value = stream.ReadByte();
        stream.Position = stream.Length / 2;
        stream.WriteByte((byte)(value ^ 0x5A));
    }
}
