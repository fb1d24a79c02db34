using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests.Fuzz;

/// <summary>
/// Small but complete vocabularies in every tokenizer file format, built here so the fuzz tests
/// need no fixtures: a LLaMA-layout SentencePiece vocabulary (unk, BOS, EOS, 256 byte pieces,
/// a few merged pieces) and a GPT-2-style byte-level BPE one (256 byte characters, a few merges,
/// added tokens and a template).
/// </summary>
internal static class TinyVocabularies
{
    /// <summary>Text that uses merges, added tokens and byte fallback.</summary>
    public const string SampleText = "the hat<|endoftext|> then thé 🦙 <s>a";

    /// <summary>Merged SentencePiece pieces (a space for '▁', as llama2.c stores them) with their scores.</summary>
    private static readonly (string Piece, float Score)[] SentencePieceMerged =
        [(" ", -1), ("a", -2), ("t", -3), ("h", -4), ("e", -5), ("th", -6), (" t", -7), ("he", -8), (" th", -9), (" the", -10), (" a", -11)];

    /// <summary>GPT-2 merges over byte-mapped characters ('Ġ' is a space), ranked by order.</summary>
    private static readonly string[] ByteLevelMerges = ["Ġ t", "h e", "Ġt he", "Ġ a", "t h", "a t", "Ġthe n"];

    private static readonly string[] ByteLevelAdded = ["<|endoftext|>", "<cls>", "<sep>"];

    /// <summary>A llama2.c <c>tokenizer.bin</c>: max_token_length, then score, length and bytes per piece.</summary>
    public static byte[] Llama2cTokenizer()
    {
        var pieces = SentencePiecePieces();
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(pieces.Max(piece => Encoding.UTF8.GetByteCount(piece.Piece)));
        foreach (var (piece, score) in pieces)
        {
            var bytes = Encoding.UTF8.GetBytes(piece);
            writer.Write(score);
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>The same vocabulary as a GGUF "llama" model ('▁' for spaces, llama.cpp's token types).</summary>
    public static (string, object)[] SentencePieceGguf()
    {
        var pieces = SentencePiecePieces();
        string[] tokens = [.. pieces.Select((piece, id) => id is SentencePieceTokenizer.BosId or SentencePieceTokenizer.EosId ? piece.Piece.Trim('\n') : piece.Piece.Replace(' ', '▁'))];
        int[] types = [2, 3, 3, .. Enumerable.Repeat(6, 256), .. Enumerable.Repeat(1, SentencePieceMerged.Length)];
        return [("tokenizer.ggml.model", "llama"), ("tokenizer.ggml.tokens", tokens), ("tokenizer.ggml.scores", pieces.Select(piece => piece.Score).ToArray()),
            ("tokenizer.ggml.token_type", types), ("tokenizer.ggml.bos_token_id", 1u), ("tokenizer.ggml.eos_token_id", 2u),
            ("tokenizer.ggml.add_space_prefix", true)];
    }

    /// <summary>A GGUF "gpt2" vocabulary with GPT-2's pre-tokenizer and one control token.</summary>
    public static (string, object)[] ByteLevelGguf()
    {
        var tokens = ByteLevelTokens();
        int[] types = [.. tokens.Select(token => token == ByteLevelAdded[0] ? 3 : 1)];
        return [("tokenizer.ggml.model", "gpt2"), ("tokenizer.ggml.pre", "gpt-2"), ("tokenizer.ggml.tokens", tokens),
            ("tokenizer.ggml.token_type", types), ("tokenizer.ggml.merges", ByteLevelMerges), ("tokenizer.ggml.eos_token_id", (uint)(tokens.Length - 1))];
    }

    /// <summary>A byte-level BPE tokenizer.json like a GPT-2 fine-tune's: added tokens, a cls/sep template, truncation.</summary>
    public static byte[] ByteLevelTokenizerJson()
    {
        var tokens = ByteLevelTokens();
        var model = new Dictionary<string, object?>
        {
            ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = null, ["continuing_subword_prefix"] = "", ["end_of_word_suffix"] = "",
            ["fuse_unk"] = false, ["byte_fallback"] = false,
            ["vocab"] = tokens.Take(tokens.Length - ByteLevelAdded.Length + 1).Select((token, id) => (token, id)).ToDictionary(entry => entry.token, entry => entry.id),
            ["merges"] = ByteLevelMerges,
        };
        var added = ByteLevelAdded.Select((content, i) => new Dictionary<string, object>
        {
            ["id"] = tokens.Length - ByteLevelAdded.Length + i, ["content"] = content, ["single_word"] = false, ["lstrip"] = false,
            ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
        });
        var specials = ByteLevelAdded.Skip(1).ToDictionary(name => name, name => new { id = name, ids = new[] { Array.IndexOf(tokens, name) }, tokens = new[] { name } });
        var document = new Dictionary<string, object?>
        {
            ["version"] = "1.0",
            ["truncation"] = new { direction = "Right", max_length = 16, strategy = "LongestFirst", stride = 0 },
            ["padding"] = null,
            ["added_tokens"] = added,
            ["normalizer"] = null,
            ["pre_tokenizer"] = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
            ["post_processor"] = new
            {
                type = "TemplateProcessing",
                single = new object[] { new { SpecialToken = new { id = "<cls>", type_id = 0 } }, new { Sequence = new { id = "A", type_id = 0 } }, new { SpecialToken = new { id = "<sep>", type_id = 0 } } },
                pair = Array.Empty<object>(),
                special_tokens = specials,
            },
            ["decoder"] = new { type = "ByteLevel", add_prefix_space = true, trim_offsets = true, use_regex = true },
            ["model"] = model,
        };
        return JsonSerializer.SerializeToUtf8Bytes(document);
    }

    /// <summary>unk, BOS and EOS as llama2.c spells them, the 256 byte pieces, then the merged pieces.</summary>
    private static (string Piece, float Score)[] SentencePiecePieces() =>
        [("<unk>", 0), ("\n<s>\n", 0), ("\n</s>\n", 0), .. Enumerable.Range(0, 256).Select(b => ($"<0x{b:X2}>", 0f)), .. SentencePieceMerged];

    /// <summary>The 256 byte characters, each merge's result, then the added tokens.</summary>
    private static string[] ByteLevelTokens() =>
        [.. ByteLevelBpeByteMap.ByteToChar.Select(character => character.ToString()), .. ByteLevelMerges.Select(merge => merge.Replace(" ", "")), .. ByteLevelAdded];
}
