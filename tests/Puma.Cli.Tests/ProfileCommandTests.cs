using System.Xml.Linq;
using Puma.Protocols.Profiling;

namespace Puma.Cli.Tests;

public class ProfileCommandTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void DemoWritesAProfileOfEveryPartyAndOperator()
    {
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "demo.json");

        var outcome = Cli.Run("demo", "--n", "4", "--profile", path);

        Assert.Equal(0, outcome.ExitCode);
        var profile = RunProfile.Load(path);
        Assert.Equal("puma demo", profile.Command);
        Assert.Equal([0, 1, 2], profile.Parties.Select(p => p.Party));
        Assert.All(profile.Parties, party =>
        {
            Assert.Equal(["setup", "input", "mul_trunc", "matmul_trunc", "reveal"], party.Operators.Select(o => o.Name));
            Assert.Equal(party.Operators.Sum(o => o.Rounds), party.Rounds); // these scopes do not nest
            Assert.Equal(party.Operators.Sum(o => o.BytesSent), party.BytesSent);
        });
    }

    [Fact]
    public void TableListsOperatorsSlowestFirstWithEachPartyAndTotals()
    {
        using var folder = new TemporaryFolder();
        string path = Write(folder, Sample());

        var outcome = Cli.Run("profile", path);

        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Output.Split('\n');
        int Row(string name) => Array.FindIndex(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
        Assert.True(Row("softmax") < Row("matmul") && Row("matmul") < Row("gelu"), outcome.Output);
        Assert.Contains("P2 rounds", outcome.Output);
        Assert.Matches(@"total \(whole run\)\s+3\.00 s\s+2\.00 MB\s+90", outcome.Output);
        Assert.Contains("puma run over tcp, emulating lan", outcome.Output);
    }

    [Fact]
    public void ChartIsWellFormedSvgWithOneBarPerOperator()
    {
        using var folder = new TemporaryFolder();
        string path = Write(folder, Sample());

        Cli.Run("profile", path);

        var chart = XDocument.Load(Path.Combine(folder.Path, "profile.svg"));
        Assert.Equal(Svg + "svg", chart.Root!.Name);
        var bars = chart.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").ToArray();
        Assert.Equal(["softmax <&> mask", "matmul", "gelu"], bars.Select(b => b.Element(Svg + "title")!.Value.Split(':')[0]));
        var widths = bars.Select(b => double.Parse((string)b.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(widths.OrderDescending(), widths);
    }

    [Fact]
    public void BadFileIsOneClearError()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("broken.json", """{"version": 1, "command": "x""");

        var outcome = Cli.Run("profile", path);

        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith($"puma: error: {path}: not a Puma profile", outcome.Error);
        Assert.Single(outcome.Error.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(folder.Path, "broken.svg")));
    }

    [Fact]
    public void MissingFileArgumentIsAUsageError()
    {
        var outcome = Cli.Run("profile");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("<FILE.json>", outcome.Error);
    }

    private static string Write(TemporaryFolder folder, RunProfile profile)
    {
        string path = Path.Combine(folder.Path, "profile.json");
        profile.Save(path);
        return path;
    }

    /// <summary>Three operators whose order by time differs from their order of first use; one name needs XML escaping.</summary>
    private static RunProfile Sample()
    {
        PartyProfile Party(int id, double scale) => new(id, 3.0, 2_000_000, 2_000_000, 90,
        [
            new OperatorFigures("gelu", 2, 0.1 * scale, 1000, 1000, 16),
            new OperatorFigures("matmul", 4, 0.5 * scale, 500_000, 500_000, 8),
            new OperatorFigures("softmax <&> mask", 2, 1.5 * scale, 900_000, 900_000, 60),
        ]);
        return new RunProfile(RunProfile.CurrentVersion, "puma run", "tcp", "lan (5000 Mbps, 1 ms round trip)", [Party(0, 1), Party(1, 1.1), Party(2, 0.9)]);
    }
}
