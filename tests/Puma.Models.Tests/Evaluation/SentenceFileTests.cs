using Puma.Models.Evaluation;

namespace Puma.Models.Tests.Evaluation;

public sealed class SentenceFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("puma-sentences-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TextFileGivesNonBlankLinesUpToTheLimit()
    {
        var path = Write("sentences.txt", "How old are you?", "", "  ", "What is your age?", "A third one.");

        Assert.Equal(["How old are you?", "What is your age?", "A third one."], SentenceFile.Load(path));
        Assert.Equal(["How old are you?", "What is your age?"], SentenceFile.Load(path, limit: 2));
    }

    [Fact]
    public void JsonLinesGiveTheTextFieldAndIgnoreOthers()
    {
        var path = Write("sentences.jsonl", "{\"text\": \"first\", \"label\": 1}", "", "{\"ids\": [1], \"text\": \"second\"}");

        Assert.Equal(["first", "second"], SentenceFile.Load(path));
    }

    [Theory]
    [InlineData("{\"txt\": \"x\"}", "line 1: needs a string field \"text\"")]
    [InlineData("{\"text\": 3}", "line 1: needs a string field \"text\"")]
    [InlineData("\"x\"", "line 1: expected a JSON object")]
    [InlineData("{\"text\": ", "line 1: not valid JSON")]
    public void BadJsonLineIsNamedByFileAndLine(string line, string problem)
    {
        var path = Write("bad.jsonl", line);

        var error = Assert.Throws<DatasetException>(() => SentenceFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void EmptyOrMissingFileIsAnError()
    {
        var empty = Write("empty.txt", "", " ");

        Assert.Contains("no sentences", Assert.Throws<DatasetException>(() => SentenceFile.Load(empty)).Message);
        Assert.Contains("does not exist", Assert.Throws<DatasetException>(() => SentenceFile.Load(Path.Combine(_directory, "missing.jsonl"))).Message);
        Assert.Contains("is a folder", Assert.Throws<DatasetException>(() => LabeledTextFile.Load(_directory, ["ham", "spam"])).Message);
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
