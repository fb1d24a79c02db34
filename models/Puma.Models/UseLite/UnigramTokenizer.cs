using System.Text;
using System.Text.Json;
using Puma.Models.Checkpoints;

namespace Puma.Models.UseLite;

/// <summary>
/// The SentencePiece unigram tokenizer of USE-Lite, reproducing the package's own JavaScript
/// runtime (<c>@energetic-ai/embeddings</c> 0.2.0) id for id: the text is NFKC-normalised, "▁" is
/// put in front and replaces every space; then the segmentation into vocabulary pieces with the
/// highest total score is chosen (Viterbi over code points; on equal scores the later candidate,
/// i.e. the shorter last piece, wins). A code point no piece starts with becomes the unknown id 0
/// (score 0), and runs of unknown ids collapse into one. The first six vocabulary entries
/// (control symbols) never match text.
/// </summary>
public sealed class UnigramTokenizer
{
    public const char WordBoundary = '\u2581';
    public const int UnknownId = 0;
    private const int ReservedSymbols = 6;

    private readonly string[] _pieces;
    private readonly TrieNode _root = new();

    private UnigramTokenizer(string[] pieces, double[] scores)
    {
        _pieces = pieces;
        for (var id = ReservedSymbols; id < pieces.Length; id++) Insert(pieces[id], scores[id], id);
    }

    public int VocabularySize => _pieces.Length;

    /// <summary>The piece string of <paramref name="id"/>.</summary>
    public string Piece(int id) => _pieces[id];

    /// <summary>Reads <c>vocab.json</c>: an array of [piece, score] pairs (a null score counts as 0).</summary>
    public static UnigramTokenizer Load(string vocabularyPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(vocabularyPath));
            var entries = document.RootElement.EnumerateArray().ToArray();
            var pieces = new string[entries.Length];
            var scores = new double[entries.Length];
            for (var id = 0; id < entries.Length; id++)
            {
                pieces[id] = entries[id][0].GetString() ?? throw new CheckpointException(vocabularyPath, $"entry {id}", "the piece is null");
                scores[id] = entries[id][1].ValueKind == JsonValueKind.Null ? 0 : entries[id][1].GetDouble();
            }
            if (pieces.Length <= ReservedSymbols) throw new CheckpointException(vocabularyPath, null, $"only {pieces.Length} pieces");
            // Encoding steps back over an unknown character by this piece's length; an empty one would never step.
            if (pieces[UnknownId].Length == 0) throw new CheckpointException(vocabularyPath, $"entry {UnknownId}", "the unknown piece is empty");
            return new UnigramTokenizer(pieces, scores);
        }
        catch (Exception malformed) when (malformed is JsonException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new CheckpointException(vocabularyPath, null, $"not a [[piece, score], ...] vocabulary: {malformed.Message}", malformed);
        }
    }

    /// <summary>The token ids of <paramref name="text"/> (none for the empty text).</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = Normalize(text);
        if (normalized.Length == 0) return [];
        var symbols = (WordBoundary + normalized.Replace(' ', WordBoundary)).EnumerateRunes().Select(rune => rune.Value).ToArray();
        var n = symbols.Length;

        var best = new double[n + 1];
        var bestId = new int[n + 1];
        // Candidates relax their end in increasing start, then increasing end: for each end that
        // is the order the JavaScript visits its candidates in, and best[start] is final by then.
        for (var start = 0; start < n; start++)
        {
            var matched = false;
            var node = _root;
            for (var end = start; end < n && node.Children.TryGetValue(symbols[end], out node); end++)
            {
                if (node.Id < 0) continue;
                Relax(best, bestId, start, end + 1, node.Score, node.Id);
                matched = true;
            }
            if (!matched) Relax(best, bestId, start, start + 1, 0, UnknownId);
        }

        var reversed = new List<int>();
        for (var position = n; position > 0; position -= _pieces[bestId[position]].Length)
        {
            var id = bestId[position];
            if (!(id == UnknownId && reversed.Count > 0 && reversed[^1] == UnknownId)) reversed.Add(id);
        }
        reversed.Reverse();
        return [.. reversed];
    }

    /// <summary>A candidate piece [start, end): the best segmentation up to end takes it on a higher or equal total.</summary>
    private static void Relax(double[] best, int[] bestId, int start, int end, double score, int id)
    {
        var total = score + best[start];
        if (best[end] == 0 || total >= best[end])
        {
            best[end] = total;
            bestId[end] = id;
        }
    }

    /// <summary>
    /// NFKC, as the JavaScript runtime applies. ASCII is already in NFKC, which keeps the common
    /// case independent of the globalization mode.
    /// </summary>
    private static string Normalize(string text) => Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormKC);

    private void Insert(string piece, double score, int id)
    {
        var node = _root;
        foreach (var rune in piece.EnumerateRunes())
        {
            var key = rune.Value;
            if (!node.Children.TryGetValue(key, out var child)) node.Children[key] = child = new TrieNode();
            node = child;
        }
        node.Score = score;
        node.Id = id;
    }

    private sealed class TrieNode
    {
        public Dictionary<int, TrieNode> Children { get; } = [];
        public double Score { get; set; }
        public int Id { get; set; } = -1;
    }
}
