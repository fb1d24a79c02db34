using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Puma.Models.Tokenizers;

public sealed partial class SentencePieceTokenizer
{
    /// <summary>
    /// Writes this vocabulary as a LLaMA-2-style Hugging Face <c>tokenizer.json</c>, the way
    /// transformers' LlamaConverter does: every split of a piece into two pieces is a merge,
    /// ranked by the piece's score (highest first, then by the halves' ids); '▁' for spaces,
    /// the Prepend + Replace normalizer, BOS template and byte-fallback decoder. It lets a
    /// llama2.c or GGUF vocabulary sit beside Hugging Face weights; <see cref="LoadHuggingFace"/>
    /// reads it back to the same ids wherever piece scores are distinct.
    /// </summary>
    public void SaveHuggingFace(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var specials = new[] { 0, BosId, EosId }.Concat(_rules.AddedTokenIds).Distinct().Order().ToArray();
        json.WriteStartObject();
        json.WriteString("version", "1.0");
        json.WriteNull("truncation");
        json.WriteNull("padding");
        json.WriteStartArray("added_tokens");
        foreach (var id in specials)
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteString("content", HuggingFaceToken(id));
            foreach (var flag in new[] { "single_word", "lstrip", "rstrip", "normalized" }) json.WriteBoolean(flag, false);
            json.WriteBoolean("special", true);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteRawProperty(json, "normalizer", """{"type":"Sequence","normalizers":[{"type":"Prepend","prepend":"▁"},{"type":"Replace","pattern":{"String":" "},"content":"▁"}]}""");
        json.WriteNull("pre_tokenizer");
        var bos = HuggingFaceToken(BosId);
        const string template = """{"type":"TemplateProcessing","single":[{"SpecialToken":{"id":BOS,"type_id":0}},{"Sequence":{"id":"A","type_id":0}}],"pair":[{"SpecialToken":{"id":BOS,"type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":BOS,"type_id":1}},{"Sequence":{"id":"B","type_id":1}}],"special_tokens":{BOS:{"id":BOS,"ids":[BOS_ID],"tokens":[BOS]}}}""";
        WriteRawProperty(json, "post_processor", template.Replace("BOS_ID", BosId.ToString(CultureInfo.InvariantCulture)).Replace("BOS", JsonSerializer.Serialize(bos)));
        WriteRawProperty(json, "decoder", """{"type":"Sequence","decoders":[{"type":"Replace","pattern":{"String":"▁"},"content":" "},{"type":"ByteFallback"},{"type":"Fuse"},{"type":"Strip","content":" ","start":1,"stop":0}]}""");
        json.WriteStartObject("model");
        json.WriteString("type", "BPE");
        json.WriteNull("dropout");
        json.WriteString("unk_token", HuggingFaceToken(0));
        json.WriteNull("continuing_subword_prefix");
        json.WriteNull("end_of_word_suffix");
        json.WriteBoolean("fuse_unk", true);
        json.WriteBoolean("byte_fallback", true);
        json.WriteStartObject("vocab");
        var written = new HashSet<string>(StringComparer.Ordinal);
        for (var id = 0; id < _pieces.Length; id++)
        {
            if (written.Add(HuggingFaceToken(id))) json.WriteNumber(HuggingFaceToken(id), id);
        }
        json.WriteEndObject();
        json.WriteStartArray("merges");
        foreach (var (left, right) in RankedMerges(specials)) json.WriteStringValue($"{HuggingFaceToken(left)} {HuggingFaceToken(right)}");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>LlamaConverter's merges: each two-piece split of each ordinary piece, by score descending, then left id, then right id.</summary>
    private IEnumerable<(int Left, int Right)> RankedMerges(int[] specials)
    {
        var merges = new List<(float Score, int Left, int Right)>();
        for (var id = ByteFallbackOffset + 256; id < _pieces.Length; id++)
        {
            if (Array.IndexOf(specials, id) >= 0) continue;
            var piece = _pieces[id];
            for (var split = 1; split < piece.Length; split++)
            {
                if ((piece[split] & 0xC0) == 0x80) continue;
                if (_idsByPiece.TryGetValue(Key(piece.AsSpan(0, split)), out var left) && _idsByPiece.TryGetValue(Key(piece.AsSpan(split)), out var right))
                    merges.Add((_scores[id], left, right));
            }
        }
        return merges.OrderByDescending(merge => merge.Score).ThenBy(merge => merge.Left).ThenBy(merge => merge.Right).Select(merge => (merge.Left, merge.Right));
    }

    /// <summary>
    /// The token as tokenizer.json spells it: spaces as '▁', and BOS/EOS without the newlines
    /// llama2.c's export wraps them in for printing ("\n&lt;s&gt;\n").
    /// </summary>
    private string HuggingFaceToken(int id)
    {
        var text = Encoding.UTF8.GetString(_pieces[id]);
        return id is BosId or EosId ? text.Trim('\n') : text.Replace(' ', '▁');
    }

    private static void WriteRawProperty(Utf8JsonWriter json, string name, string value)
    {
        json.WritePropertyName(name);
        json.WriteRawValue(value);
    }
}
