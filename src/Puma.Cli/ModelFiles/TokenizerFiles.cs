using Puma.Models.Checkpoints;
using Puma.Models.Tokenizers;

namespace Puma.Cli.ModelFiles;

/// <summary>
/// Finds the Hugging Face tokenizer.json of a model directory, or loads the one given, and checks
/// that a tokenizer fits its model: every id it can produce must be a row of the model's embedding.
/// </summary>
internal static class TokenizerFiles
{
    /// <exception cref="FileNotFoundException">No path was given and the directory has no tokenizer.json.</exception>
    public static (ByteLevelBpeTokenizer Tokenizer, string Path) ByteLevelBpe(string directory, string? tokenizerPath)
    {
        var path = Find(directory, tokenizerPath);
        return (ByteLevelBpeTokenizer.Load(path), path);
    }

    /// <summary>A BERT folder's tokenizer: WordPiece when its tokenizer.json's model says so, else byte-level BPE.</summary>
    /// <exception cref="FileNotFoundException">No path was given and the directory has no tokenizer.json.</exception>
    public static (ITypedTokenizer Tokenizer, string Path) Bert(string directory, string? tokenizerPath)
    {
        var path = Find(directory, tokenizerPath);
        return (TokenizerJsonModels.Detect(path) == TokenizerJsonModel.WordPiece ? WordPieceTokenizer.Load(path) : ByteLevelBpeTokenizer.Load(path), path);
    }

    private static string Find(string directory, string? tokenizerPath)
    {
        var path = tokenizerPath ?? Path.Combine(directory, "tokenizer.json");
        if (!File.Exists(path))
            throw new FileNotFoundException(tokenizerPath is null
                ? $"No tokenizer.json in '{directory}'; give one with --tokenizer."
                : $"Tokenizer '{tokenizerPath}' does not exist.");
        return path;
    }

    /// <summary>
    /// Rejects a tokenizer of another model before it feeds the forward an id past the embedding
    /// (which would fail deep inside the one-hot sharing, far from the cause).
    /// </summary>
    /// <exception cref="CheckpointException">The tokenizer's ids reach past the model's vocabulary.</exception>
    public static void CheckFits(string tokenizerPath, int tokenizerVocabSize, string modelDirectory, int modelVocabSize)
    {
        if (tokenizerVocabSize > modelVocabSize)
            throw new CheckpointException(tokenizerPath, null,
                $"has token ids up to {tokenizerVocabSize - 1}, but the model in '{modelDirectory}' has a vocabulary of {modelVocabSize} tokens; "
                + "this tokenizer belongs to another model (give the model's own with --tokenizer)");
    }
}
