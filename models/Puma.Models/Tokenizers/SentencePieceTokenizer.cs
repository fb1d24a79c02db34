using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Puma.Models.Checkpoints;

namespace Puma.Models.Tokenizers;

/// <summary>
/// The SentencePiece BPE vocabulary of LLaMA-family models as llama2.c stores it in
/// <c>tokenizer.bin</c>: int32 max_token_length, then per token a float32 merge score, an int32
/// byte length and the piece's UTF-8 bytes. Ids 0, 1, 2 are unk, BOS and EOS; ids 3..258 are the
/// byte-fallback pieces <c>&lt;0x00&gt;</c>..<c>&lt;0xFF&gt;</c>. Encoding and decoding follow
/// llama2.c's <c>encode</c> and <c>decode</c>. The same vocabulary layout loads from a GGUF file
/// (<see cref="LoadGguf"/>) or a Hugging Face LLaMA tokenizer.json (<see cref="LoadHuggingFace"/>);
/// their '▁' is stored as a space, as llama2.c stores it.
/// </summary>
public sealed partial class SentencePieceTokenizer
{
    /// <summary>Beginning-of-sequence id.</summary>
    public const int BosId = 1;

    /// <summary>End-of-sequence id.</summary>
    public const int EosId = 2;

    /// <summary>Id of byte 0's fallback piece; byte b encodes as <c>ByteFallbackOffset + b</c>.</summary>
    public const int ByteFallbackOffset = 3;

    private readonly byte[][] _pieces;
    private readonly float[] _scores;
    private readonly Dictionary<string, int> _idsByPiece;
    private readonly string[] _keys;

    /// <summary>Score merges looked up so far: (left, right) → merged id or -1; dropped when it grows past <see cref="MaxCachedPairs"/>.</summary>
    private readonly ConcurrentDictionary<(int Left, int Right), int> _scoreMerges = new();
    private const int MaxCachedPairs = 1 << 20;

    /// <summary>Encoded words (split at spaces) so far, by their bytes; dropped when it grows past <see cref="MaxCachedWords"/>.</summary>
    private readonly ConcurrentDictionary<string, int[]> _wordCache = new(StringComparer.Ordinal);
    private const int MaxCachedWords = 200_000;

    /// <summary>
    /// Whether merges stay within words that start at each space: true when the space is a piece
    /// and no piece holds a space after its first byte, so no merge can join across one. Encoding
    /// then splits the text into such words and caches them, with the ids of a whole-text merge.
    /// </summary>
    private readonly bool _spaceStartsWords;
    private readonly SentencePieceRules _rules;
    private readonly Regex? _addedPattern;

    private SentencePieceTokenizer(byte[][] pieces, float[] scores, SentencePieceRules rules)
    {
        _pieces = pieces;
        _scores = scores;
        _rules = rules;
        _idsByPiece = new Dictionary<string, int>(pieces.Length, StringComparer.Ordinal);
        _keys = [.. pieces.Select(piece => Key(piece))];
        for (var id = 0; id < pieces.Length; id++) _idsByPiece.TryAdd(_keys[id], id);
        _spaceStartsWords = _idsByPiece.ContainsKey(" ") && !_keys.Any(key => key.IndexOf(' ', 1) >= 0);
        if (rules.AddedTokenIds.Count > 0)
        {
            var alternatives = rules.AddedTokenIds.Select(Piece).Where(text => text.Length > 0).OrderByDescending(text => text.Length).Select(Regex.Escape);
            _addedPattern = new Regex(string.Join('|', alternatives), RegexOptions.CultureInvariant);
        }
    }

    /// <summary>Number of tokens.</summary>
    public int VocabSize => _pieces.Length;

    /// <summary>
    /// Reads a llama2.c <c>tokenizer.bin</c>; the vocabulary size is however many tokens the file holds.
    /// </summary>
    /// <exception cref="CheckpointException">The file is truncated or lacks the byte-fallback pieces.</exception>
    public static SentencePieceTokenizer LoadLlama2c(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < sizeof(int)) throw Malformed(path, "is too short to hold max_token_length");
        var pieces = new List<byte[]>();
        var scores = new List<float>();
        var offset = sizeof(int);
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < 2 * sizeof(int))
                throw Malformed(path, $"is truncated in the header of token {pieces.Count}");
            scores.Add(BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset)));
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + sizeof(int)));
            offset += 2 * sizeof(int);
            if (length < 0 || length > bytes.Length - offset)
                throw Malformed(path, $"declares {length} bytes for token {pieces.Count} but {bytes.Length - offset} remain");
            pieces.Add(bytes.AsSpan(offset, length).ToArray());
            offset += length;
        }
        if (MissingByteFallback(pieces) is { } problem) throw Malformed(path, problem);
        return new SentencePieceTokenizer([.. pieces], [.. scores], SentencePieceRules.Llama2c);
    }

    /// <summary>The raw piece of <paramref name="id"/>, as stored (byte tokens spelled <c>&lt;0xXX&gt;</c>).</summary>
    public string Piece(int id) => Encoding.UTF8.GetString(_pieces[CheckId(id)]);

    /// <summary>The merge score of <paramref name="id"/>; higher merges first.</summary>
    public float Score(int id) => _scores[CheckId(id)];

    /// <summary>
    /// The text of <paramref name="ids"/> as llama2.c prints it: byte tokens become their byte, a
    /// piece right after BOS loses its leading space, and BOS/EOS themselves print nothing.
    /// <paramref name="previousId"/> is the token before the first one (for continuing a stream).
    /// </summary>
    public string Decode(ReadOnlySpan<int> ids, int previousId = -1)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            AppendPiece(bytes, previousId, id);
            previousId = id;
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private void AppendPiece(List<byte> bytes, int previousId, int id)
    {
        if (CheckId(id) is BosId or EosId) return;
        if (id >= ByteFallbackOffset && id < ByteFallbackOffset + 256)
        {
            bytes.Add((byte)(id - ByteFallbackOffset));
            return;
        }
        ReadOnlySpan<byte> piece = _pieces[id];
        if (previousId == BosId && piece.Length > 0 && piece[0] == (byte)' ') piece = piece[1..];
        bytes.AddRange(piece);
    }

    private int CheckId(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _pieces.Length);
        return id;
    }

    /// <summary>Why <paramref name="pieces"/> lacks the llama2.c layout's byte pieces at ids 3..258, or null when it has them.</summary>
    private static string? MissingByteFallback(IReadOnlyList<byte[]> pieces)
    {
        for (var b = 0; b < 256; b++)
        {
            var id = ByteFallbackOffset + b;
            if (id >= pieces.Count || Key(pieces[id]) != $"<0x{b:X2}>")
                return $"has no byte-fallback piece <0x{b:X2}> at id {id}";
        }
        return null;
    }

    /// <summary>A lossless string key for a byte sequence (one char per byte).</summary>
    private static string Key(ReadOnlySpan<byte> piece) => Encoding.Latin1.GetString(piece);

    private static CheckpointException Malformed(string path, string problem) =>
        new(path, null, $"llama2.c tokenizer {problem}");
}
