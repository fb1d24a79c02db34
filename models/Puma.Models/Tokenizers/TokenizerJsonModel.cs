using System.Text.Json;
using Puma.Models.Checkpoints;

namespace Puma.Models.Tokenizers;

/// <summary>The tokenizer families a Hugging Face tokenizer.json can hold here, told apart by its <c>model</c>.</summary>
public enum TokenizerJsonModel
{
    /// <summary>BPE without byte fallback: GPT-2's byte-level BPE (<see cref="ByteLevelBpeTokenizer"/>).</summary>
    ByteLevelBpe,

    /// <summary>BPE with byte fallback: LLaMA's SentencePiece BPE (<see cref="SentencePieceTokenizer"/>).</summary>
    SentencePieceBpe,

    /// <summary>WordPiece: BERT's (<see cref="WordPieceTokenizer"/>).</summary>
    WordPiece,
}

/// <summary>Reads which <see cref="TokenizerJsonModel"/> a tokenizer.json holds, before choosing its reader.</summary>
public static class TokenizerJsonModels
{
    /// <exception cref="CheckpointException">The file is not JSON or its model type is none of BPE and WordPiece.</exception>
    public static TokenizerJsonModel Detect(string path)
    {
        using var document = TokenizerJson.Parse(path);
        var model = TokenizerJson.Field(document.RootElement, "model");
        var type = TokenizerJson.Field(model ?? default, "type") is { ValueKind: JsonValueKind.String } declared ? declared.GetString() : null;
        return type switch
        {
            "WordPiece" => TokenizerJsonModel.WordPiece,
            "BPE" or null when model is not null => TokenizerJson.Field(model.Value, "byte_fallback") is { ValueKind: JsonValueKind.True }
                ? TokenizerJsonModel.SentencePieceBpe
                : TokenizerJsonModel.ByteLevelBpe,
            _ => throw new CheckpointException(path, "model.type", model is null ? "the file has no model" : $"'{type}' is not supported (expected BPE or WordPiece)"),
        };
    }
}
