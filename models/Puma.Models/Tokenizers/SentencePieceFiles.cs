namespace Puma.Models.Tokenizers;

/// <summary>Where a LLaMA folder keeps its SentencePiece tokenizer, and how each kind of file loads.</summary>
public static class SentencePieceFiles
{
    /// <summary>
    /// The tokenizer to use: <paramref name="tokenizerPath"/> if given, else the folder's
    /// tokenizer.json, else the first of its llama2.c tokenizers (tokenizer.bin or tok*.bin).
    /// </summary>
    /// <exception cref="FileNotFoundException">None was given and the folder has none.</exception>
    public static string Find(string directory, string? tokenizerPath, IReadOnlyList<string> llama2cTokenizers)
    {
        var huggingFace = Path.Combine(directory, "tokenizer.json");
        return tokenizerPath
            ?? (File.Exists(huggingFace) ? huggingFace : null)
            ?? llama2cTokenizers.FirstOrDefault()
            ?? throw new FileNotFoundException($"No tokenizer (tokenizer.json, tokenizer.bin or tok*.bin) in '{directory}'; give one with --tokenizer.");
    }

    /// <summary>Loads by extension: a Hugging Face tokenizer.json, a GGUF file's vocabulary, else a llama2.c .bin.</summary>
    public static SentencePieceTokenizer Load(string path)
        => Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => SentencePieceTokenizer.LoadHuggingFace(path),
            ".gguf" => SentencePieceTokenizer.LoadGguf(path),
            _ => SentencePieceTokenizer.LoadLlama2c(path),
        };
}
