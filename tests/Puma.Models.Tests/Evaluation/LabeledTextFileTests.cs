using Puma.Models.Evaluation;

namespace Puma.Models.Tests.Evaluation;

public sealed class LabeledTextFileTests : IDisposable
{
    private static readonly string[] Classes = ["ham", "spam"];
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"puma-labeled-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void ReadsIndexAndNameLabelsAndSkipsBlankLines()
    {
        File.WriteAllLines(_path, ["{\"text\": \"buy now\", \"label\": 1, \"ids\": [1, 2]}", "", "{\"label\": \"ham\", \"text\": \"see you\"}"]);

        var examples = LabeledTextFile.Load(_path, Classes);

        Assert.Equal([new LabeledText("buy now", 1), new LabeledText("see you", 0)], examples);
    }

    [Fact]
    public void LimitKeepsTheFirstExamples()
    {
        File.WriteAllLines(_path, ["{\"text\": \"a\", \"label\": 0}", "{\"text\": \"b\", \"label\": 1}", "not json"]);

        var examples = LabeledTextFile.Load(_path, Classes, limit: 2);

        Assert.Equal(["a", "b"], examples.Select(e => e.Text));
    }

    [Theory]
    [InlineData("{\"text\": \"b\", \"label\": 1", "not valid JSON")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("{\"label\": 1}", "\"text\"")]
    [InlineData("{\"text\": \"b\"}", "\"label\"")]
    [InlineData("{\"text\": \"b\", \"label\": 2}", "label 2 is not one of the model's classes")]
    [InlineData("{\"text\": \"b\", \"label\": \"eggs\"}", "label \"eggs\" is not one of")]
    public void BadLineIsNamedByFileAndLine(string line, string problem)
    {
        File.WriteAllLines(_path, ["{\"text\": \"a\", \"label\": 0}", line]);

        var error = Assert.Throws<DatasetException>(() => LabeledTextFile.Load(_path, Classes));

        Assert.Equal(2, error.Line);
        Assert.Contains($"'{_path}', line 2: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAndEmptyFilesAreErrors()
    {
        Assert.Contains("does not exist", Assert.Throws<DatasetException>(() => LabeledTextFile.Load(_path, Classes)).Message, StringComparison.Ordinal);
        File.WriteAllText(_path, "\n\n");
        Assert.Contains("no examples", Assert.Throws<DatasetException>(() => LabeledTextFile.Load(_path, Classes)).Message, StringComparison.Ordinal);
    }
}
