namespace Puma.Models.Tests.Tokenizers;

/// <summary>One reference tokenization from llama.cpp's <c>.gguf.inp</c>/<c>.gguf.out</c> pair.</summary>
internal sealed record LlamaCppVocabCase(int Index, string Text, int[] Ids)
{
    /// <summary>The separator test-tokenizer-0 splits <c>.inp</c> on; every case, the last too, is followed by it.</summary>
    private const string Separator = "\n__ggml_vocab_test__\n";

    /// <summary>Pairs each text of <c>NAME.gguf.inp</c> with the ids on the same-numbered line of <c>NAME.gguf.out</c>.</summary>
    public static LlamaCppVocabCase[] Read(string ggufPath)
    {
        var input = File.ReadAllText(ggufPath + ".inp");
        var texts = input.Split(Separator);
        if (texts[^1].Length != 0) throw new InvalidDataException($"'{ggufPath}.inp' does not end with the case separator");
        var lines = File.ReadAllLines(ggufPath + ".out");
        if (lines.Length != texts.Length - 1)
            throw new InvalidDataException($"'{ggufPath}.inp' has {texts.Length - 1} cases but '.out' has {lines.Length} lines");
        return [.. lines.Select((line, i) => new LlamaCppVocabCase(
            i, texts[i], [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)]))];
    }

    public override string ToString() => $"case {Index} {System.Text.Json.JsonSerializer.Serialize(Text)}";
}
