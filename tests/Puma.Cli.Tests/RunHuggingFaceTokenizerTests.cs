using System.Text.Json;
using Puma.Cli.Generation;
using Puma.Models.Tokenizers;

namespace Puma.Cli.Tests;

/// <summary>
/// <c>puma run</c> on a Hugging Face LLaMA directory that carries its own tokenizer.json. The
/// stories260k-hf fixture has none, so each test builds a directory of symbolic links to its
/// weights plus a tokenizer.json written from the llama2.c vocabulary (no fixture is copied).
/// </summary>
public sealed class RunHuggingFaceTokenizerTests
{
    [SkippableFact]
    public void RunUsesTheDirectorysTokenizerJsonAndMatchesLlama2c()
    {
        var models = SharedData.Path("models");
        using var directory = new HuggingFaceDirectory(models);

        var huggingFace = Cli.Run("run", "--model", directory.Path, "--prompt", "Once upon a time", "--max-tokens", "4", "--json", "--plaintext");
        var llama2c = Cli.Run("run", "--model", Path.Combine(models, "stories260k"), "--prompt", "Once upon a time", "--max-tokens", "4", "--json", "--plaintext");

        Assert.Equal(0, huggingFace.ExitCode);
        Assert.Equal(0, llama2c.ExitCode);
        Assert.Equal(Ids(llama2c.Output, "prompt_ids"), Ids(huggingFace.Output, "prompt_ids"));
        Assert.Equal(Ids(llama2c.Output, "generated_ids"), Ids(huggingFace.Output, "generated_ids"));
    }

    [SkippableFact]
    public void TokenizerJsonIsPreferredToALlama2cTokenizer()
    {
        var models = SharedData.Path("models");
        using var directory = new HuggingFaceDirectory(models);
        var llama2c = Path.Combine(directory.Path, "tokenizer.bin");
        File.CreateSymbolicLink(llama2c, Path.Combine(models, "stories260k", "tok512.bin"));

        var chosen = ModelDirectory.LoadTokenizer(directory.Path, null, [llama2c]);
        var given = ModelDirectory.LoadTokenizer(directory.Path, llama2c, [llama2c]);

        Assert.Equal("<s>", chosen.Piece(SentencePieceTokenizer.BosId));
        Assert.Equal("\n<s>\n", given.Piece(SentencePieceTokenizer.BosId));
    }

    private static int[] Ids(string json, string property)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement[0].GetProperty(property).EnumerateArray().Select(id => id.GetInt32())];
    }

    /// <summary>A temp folder linking to stories260k-hf's config and weights, with a tokenizer.json from tok512.bin.</summary>
    private sealed class HuggingFaceDirectory : IDisposable
    {
        public HuggingFaceDirectory(string models)
        {
            foreach (var name in new[] { "config.json", "model.safetensors" })
                File.CreateSymbolicLink(System.IO.Path.Combine(Path, name), System.IO.Path.Combine(models, "stories260k-hf", name));
            SentencePieceTokenizer.LoadLlama2c(System.IO.Path.Combine(models, "stories260k", "tok512.bin")).SaveHuggingFace(System.IO.Path.Combine(Path, "tokenizer.json"));
        }

        public string Path { get; } = Directory.CreateTempSubdirectory("puma-hf-tokenizer-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
