using System.Text;
using System.Text.Json.Nodes;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests.Tokenizers;

/// <summary>
/// The priority-queue merges give the ids of the plain merge loops (<see cref="ReferenceMerges"/>)
/// on random vocabularies, including merge lists whose ranks disagree with the order tokens are
/// built in, equal scores, and pieces with spaces inside.
/// </summary>
public sealed class MergeEquivalenceTests
{
    private const string Letters = "abcde";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RankedMergesMatchTheRankByRankLoop(int seed)
    {
        var random = new Random(seed);
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var b in Enumerable.Range(0, 256)) vocab[ByteLevelChar(b)] = vocab.Count;
        var tokens = Letters.Select(letter => letter.ToString()).ToList();
        var pairs = new List<(string Left, string Right)>();
        for (var i = 0; i < 60; i++)
        {
            var (left, right) = (tokens[random.Next(tokens.Count)], tokens[random.Next(tokens.Count)]);
            if (pairs.Contains((left, right))) continue;
            pairs.Add((left, right));
            if (vocab.TryAdd(left + right, vocab.Count)) tokens.Add(left + right);
        }
        // Shuffled ranks: a merge may use a token that a later-ranked merge builds.
        pairs = [.. pairs.OrderBy(_ => random.Next())];
        var merges = new Dictionary<(int, int), (int, int)>();
        for (var rank = 0; rank < pairs.Count; rank++)
            merges.TryAdd((vocab[pairs[rank].Left], vocab[pairs[rank].Right]), (rank, vocab[pairs[rank].Left + pairs[rank].Right]));

        using var file = WordPieceJson.Write(ByteLevelJson(vocab, pairs));
        var tokenizer = ByteLevelBpeTokenizer.Load(file.Path);
        for (var trial = 0; trial < 300; trial++)
        {
            var word = RandomText(random, Letters, random.Next(1, 60));
            var expected = ReferenceMerges.ByRank([.. word.Select(letter => vocab[letter.ToString()])], merges);
            Assert.Equal(expected, tokenizer.Tokenize(word));
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void ScoreMergesMatchTheBestPairLoop(int seed, bool piecesHoldInnerSpaces)
    {
        var random = new Random(seed);
        var pieces = new List<string> { "<unk>", "<s>", "</s>" };
        pieces.AddRange(Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"));
        pieces.AddRange([" ", .. Letters.Select(letter => letter.ToString())]);
        var scores = new List<float>(Enumerable.Repeat(0f, pieces.Count));
        var alphabet = Letters + " ";
        while (pieces.Count < 400)
        {
            var piece = RandomText(random, piecesHoldInnerSpaces ? alphabet : Letters, random.Next(2, 6));
            if (random.Next(3) == 0) piece = " " + piece;
            if (pieces.Contains(piece)) continue;
            pieces.Add(piece);
            // Few distinct scores, so equal scores (leftmost wins) are common.
            scores.Add(random.Next(8) == 0 ? float.NegativeInfinity : -random.Next(6));
        }

        using var file = new LlamaTemporaryFile(Llama2cTokenizerBytes(pieces, scores));
        var tokenizer = SentencePieceTokenizer.LoadLlama2c(file.Path);
        var ids = pieces.Select((piece, id) => (piece, id)).GroupBy(entry => entry.piece).ToDictionary(group => group.Key, group => group.First().id);
        for (var trial = 0; trial < 200; trial++)
        {
            var text = RandomText(random, alphabet, random.Next(1, 80));
            var expected = ReferenceMerges.ByScore([.. (" " + text).Select(letter => ids[letter.ToString()])], pieces, scores);
            Assert.Equal([SentencePieceTokenizer.BosId, .. expected], tokenizer.Encode(text));
        }
    }

    private static string RandomText(Random random, string alphabet, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]));

    /// <summary>GPT-2's byte-to-character map: printable Latin-1 bytes as themselves, the rest from U+0100 on.</summary>
    private static string ByteLevelChar(int b)
    {
        var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
        if (printable) return ((char)b).ToString();
        var shifted = Enumerable.Range(0, b).Count(other => !(other is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF));
        return ((char)(256 + shifted)).ToString();
    }

    private static JsonObject ByteLevelJson(Dictionary<string, int> vocab, List<(string Left, string Right)> merges)
    {
        var vocabJson = new JsonObject();
        foreach (var (token, id) in vocab) vocabJson[token] = id;
        return new JsonObject
        {
            ["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["vocab"] = vocabJson,
                ["merges"] = new JsonArray([.. merges.Select(pair => (JsonNode)$"{pair.Left} {pair.Right}")]),
            },
        };
    }

    private static byte[] Llama2cTokenizerBytes(List<string> pieces, List<float> scores)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(pieces.Max(piece => piece.Length));
        for (var id = 0; id < pieces.Count; id++)
        {
            var bytes = Encoding.UTF8.GetBytes(pieces[id]);
            writer.Write(scores[id]);
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
        return stream.ToArray();
    }
}
