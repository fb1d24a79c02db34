using System.Text;
using Puma.Models.Evaluation;

namespace Puma.Models.Tests.Fuzz;

/// <summary>
/// Evaluation data sets (JSON Lines and plain sentence files): each mutation loads examples, or
/// is a <see cref="DatasetException"/> naming the file.
/// </summary>
public sealed class DatasetFuzzTests
{
    private static readonly string[] Classes = ["ham", "spam"];

    private static readonly byte[] LabeledLines = Encoding.UTF8.GetBytes("""
        {"text": "Win a free phone now", "label": "spam", "id": 7}
        {"text": "Lunch at noon?", "label": 0}

        {"text": "Your account is locked ☃", "label": 1, "logits": [0.5, -1e3]}
        {"text": "See you tomorrow", "label": "ham"}
        """);

    [Fact]
    public void MutatedLabeledExamplesLoadOrFailNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        ReaderFuzzer.Run<DatasetException>(directory.Path, "eval.jsonl", LabeledLines, MutateLines, path =>
            Assert.All(LabeledTextFile.Load(path, Classes), example => Assert.InRange(example.Label, 0, Classes.Length - 1)));
    }

    [Fact]
    public void MutatedSentenceFilesLoadOrFailNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        ReaderFuzzer.Run<DatasetException>(directory.Path, "sentences.jsonl", LabeledLines, MutateLines, path =>
            Assert.InRange(SentenceFile.Load(path, limit: 3).Count, 1, 3));
    }

    /// <summary>Half the cases edit one line's JSON, half the raw bytes of the file.</summary>
    private static FuzzMutation MutateLines(Random random, byte[] file)
    {
        var lines = Encoding.UTF8.GetString(file).Split('\n');
        var target = random.Next(lines.Length);
        if (random.Next(2) == 0 || lines[target].Length == 0) return FuzzMutator.Binary(random, file);
        var line = FuzzMutator.Json(random, Encoding.UTF8.GetBytes(lines[target]));
        lines[target] = Encoding.UTF8.GetString(line.Bytes);
        return line with { Bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines)), Description = $"line {target + 1}: {line.Description}" };
    }
}
