using Puma.Models.Tokenizers;

namespace Puma.Cli.ModelFiles;

/// <summary>Finds the Hugging Face tokenizer.json of a model directory, or loads the one given.</summary>
internal static class TokenizerFiles
{
    /// <exception cref="FileNotFoundException">No path was given and the directory has no tokenizer.json.</exception>
    public static ByteLevelBpeTokenizer ByteLevelBpe(string directory, string? tokenizerPath) => ByteLevelBpeTokenizer.Load(Find(directory, tokenizerPath));

    /// <summary>A BERT folder's tokenizer: WordPiece when its tokenizer.json's model says so, else byte-level BPE.</summary>
    /// <exception cref="FileNotFoundException">No path was given and the directory has no tokenizer.json.</exception>
    public static ITypedTokenizer Bert(string directory, string? tokenizerPath)
    {
        var path = Find(directory, tokenizerPath);
        return TokenizerJsonModels.Detect(path) == TokenizerJsonModel.WordPiece ? WordPieceTokenizer.Load(path) : ByteLevelBpeTokenizer.Load(path);
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
}
