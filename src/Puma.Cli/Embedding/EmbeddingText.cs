using System.Globalization;

namespace Puma.Cli.Embedding;

/// <summary>How <c>puma embed</c> and <c>puma client embed</c> print embeddings and cosines.</summary>
internal static class EmbeddingText
{
    private const int ShownValues = 6;

    /// <summary>Up to this many texts a report lists the cosine of every pair.</summary>
    public const int MaxPairedTexts = 10;

    /// <summary>The first few values of an embedding.</summary>
    public static string Head(double[] embedding)
        => string.Join(' ', embedding.Take(ShownValues).Select(value => value.ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture))) + " ...";

    public static string Number(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
