using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;
using Puma.Protocols.Profiling;
using Puma.Protocols.Runtime;

namespace Puma.Protocols.Tests;

public class ProfileRecorderTests
{
    private const int Length = 64;

    private static RunProfile RecordTwoRuns()
    {
        var recorder = new ProfileRecorder();
        for (int run = 0; run < 2; run++)
        {
            ThreePartyRunner.Run(context =>
            {
                using var x = Input.ShareA(context, 0, context.Id == 0 ? new ulong[Length] : [], Length);
                MulAA.Mul(context, x, x).Dispose();
                return 0;
            }, new RunOptions { Profile = recorder });
        }
        return recorder.ToProfile("test", "inproc", null);
    }

    [Fact]
    public void RecordsEveryPartyAndAddsUpRuns()
    {
        var profile = RecordTwoRuns();

        Assert.Equal([0, 1, 2], profile.Parties.Select(p => p.Party));
        foreach (var party in profile.Parties)
        {
            var mul = Assert.Single(party.Operators, o => o.Name == "mul");
            Assert.Equal(2, mul.Calls);
            Assert.Equal(2, mul.Rounds);
            Assert.Equal(2L * Length * sizeof(ulong), mul.BytesSent);
            Assert.Equal(2, party.Operators.Single(o => o.Name == "setup").Calls);
            Assert.Equal(2 * 3, party.Rounds); // per run: setup, input, mul
            Assert.True(party.Seconds >= mul.Seconds);
        }
        Assert.Equal(2 * MulAA.Cost(Length).TotalBytesSent, profile.Parties.Sum(p => p.Operators.Single(o => o.Name == "mul").BytesSent));
    }

    [Fact]
    public void SavedProfileLoadsBackEqual()
    {
        var profile = RecordTwoRuns() with { Network = "lan (5000 Mbps, 1 ms round trip)" };
        string path = Path.Combine(Path.GetTempPath(), $"puma-profile-{Guid.NewGuid():N}.json");
        try
        {
            profile.Save(path);
            var loaded = RunProfile.Load(path);

            Assert.Equal((profile.Command, profile.Transport, profile.Network), (loaded.Command, loaded.Transport, loaded.Network));
            Assert.Equal(profile.Parties.Select(p => p with { Operators = [] }), loaded.Parties.Select(p => p with { Operators = [] }));
            Assert.Equal(profile.Parties.SelectMany(p => p.Operators), loaded.Parties.SelectMany(p => p.Operators));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("", "not a Puma profile")]
    [InlineData("[1, 2]", "not a Puma profile")]
    [InlineData("null", "JSON null")]
    [InlineData("""{"version": 1, "command": "x", "transport": "inproc", "network": null}""", "parties")]
    [InlineData("""{"version": 9, "command": "x", "transport": "inproc", "network": null, "parties": []}""", "'version' is 9")]
    [InlineData("""{"version": 1, "command": "x", "transport": "inproc", "network": null, "parties": [{"party": 5, "seconds": 1, "bytes_sent": 0, "bytes_received": 0, "rounds": 0, "operators": []}]}""", "'parties[0].party' must be 0, 1 or 2")]
    [InlineData("""{"version": 1, "command": "x", "transport": "inproc", "network": null, "parties": [{"party": 0, "seconds": 1, "bytes_sent": 0, "bytes_received": 0, "rounds": 0, "operators": [{"name": "mul", "calls": 1, "seconds": -2, "bytes_sent": 0, "bytes_received": 0, "rounds": 1}]}]}""", "'parties[0].operators[0]' (mul)")]
    public void BadFileIsOneErrorNamingTheFile(string contents, string expected)
    {
        string path = Path.Combine(Path.GetTempPath(), $"puma-profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, contents);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => RunProfile.Load(path));

            Assert.Contains(path, error.Message);
            Assert.Contains(expected, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
