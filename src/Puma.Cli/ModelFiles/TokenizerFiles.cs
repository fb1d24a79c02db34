using Puma.Models.Tokenizers;

namespace Puma.Cli.ModelFiles;

/// <summary>Finds the Hugging Face tokenizer.json of a model directory, or loads the one given.</summary>
internal static class TokenizerFiles
{
    /// <exception cref="FileNotFoundException">No path was given and the directory has no tokenizer.json.</exception>
    public static ByteLevelBpeTokenizer ByteLevelBpe(string directory, string? tokenizerPath)
    {
        var path = tokenizerPath ?? Path.Combine(directory, "tokenizer.json");
        if (!File.Exists(path))
            throw new FileNotFoundException(tokenizerPath is null
                ? $"No tokenizer.json in '{directory}'; give one with --tokenizer."
                : $"Tokenizer '{tokenizerPath}' does not exist.");
        return ByteLevelBpeTokenizer.Load(path);
    }
}
