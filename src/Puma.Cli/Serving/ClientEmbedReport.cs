using Puma.Cli.Embedding;
using Puma.Cli.Output;
using Puma.Models.UseLite;

namespace Puma.Cli.Serving;

/// <summary>What <c>puma client embed</c> prints: <c>puma embed</c>'s report of the secure embeddings, without a plaintext reference (the client has no weights).</summary>
internal static class ClientEmbedReport
{
    public static void Write(TextWriter output, IReadOnlyList<string> texts, int[][] ids, double[][] embeddings, double seconds)
    {
        output.WriteLine($"USE-Lite, {embeddings[0].Length}-d sentence embeddings through three party servers; only this client sees them");
        for (var i = 0; i < texts.Count; i++)
        {
            output.WriteLine();
            output.WriteLine($"[{i + 1}] {texts[i]}");
            output.WriteLine($"    ids ({ids[i].Length}): {string.Join(' ', ids[i])}");
            output.WriteLine($"    secure    {EmbeddingText.Head(embeddings[i])}");
        }
        if (texts.Count > 1 && texts.Count <= EmbeddingText.MaxPairedTexts)
        {
            output.WriteLine();
            output.WriteLine("cosine between texts:");
            for (var a = 0; a < texts.Count; a++)
            {
                for (var b = a + 1; b < texts.Count; b++)
                    output.WriteLine($"    [{a + 1}] vs [{b + 1}]: {EmbeddingText.Number(UseLiteReference.Cosine(embeddings[a], embeddings[b]), 4)}");
            }
        }
        output.WriteLine();
        output.WriteLine($"secure: {texts.Count} text(s) in {Units.Seconds(seconds)} through the three parties");
    }
}
