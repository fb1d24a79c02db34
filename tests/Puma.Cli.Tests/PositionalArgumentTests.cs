using Puma.Cli.Parsing;

namespace Puma.Cli.Tests;

public class PositionalArgumentTests
{
    private static readonly CommandParser Parser = new(
    [
        new("", "", "root", [], null),
        new("show", "show a file", "Shows a file.", [new OptionSpec("json", "as JSON"), new OptionSpec("tag", "a tag", "T", Repeatable: true)],
            (_, _, _) => 0, [new ArgumentSpec("FILE", "the file to show")]),
    ]);

    [Theory]
    [InlineData(new[] { "show", "a.json" }, "a.json")]
    [InlineData(new[] { "show", "--json", "b.json" }, "b.json")]
    [InlineData(new[] { "show", "--tag", "x", "c.json", "--tag", "y" }, "c.json")]
    public void ArgumentIsReadWhereverItStands(string[] args, string file)
    {
        var run = Assert.IsType<ParseResult.Run>(Parser.Parse(args));

        Assert.Equal(file, run.Options.Argument("FILE"));
    }

    [Fact]
    public void RepeatedOptionKeepsEveryValueInOrder()
    {
        var run = Assert.IsType<ParseResult.Run>(Parser.Parse(["show", "--tag", "x", "a.json", "--tag", "y"]));

        Assert.Equal(["x", "y"], run.Options.Texts("tag"));
    }

    [Fact]
    public void MissingArgumentIsAUsageErrorNamingIt()
    {
        var error = Assert.Throws<UsageException>(() => Parser.Parse(["show", "--json"]));

        Assert.Contains("<FILE>", error.Message);
    }

    [Fact]
    public void SurplusArgumentIsAUsageErrorNamingIt()
    {
        var error = Assert.Throws<UsageException>(() => Parser.Parse(["show", "a.json", "b.json"]));

        Assert.Contains("'b.json'", error.Message);
    }
}
