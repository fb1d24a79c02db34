namespace Puma.Models.UseLite;

/// <summary>USE-Lite ready to run: its tokenizer and weights, loaded from an installed <see cref="UseLitePackage"/>.</summary>
public sealed class UseLiteModel
{
    private UseLiteModel(UnigramTokenizer tokenizer, UseLiteWeights weights)
    {
        Tokenizer = tokenizer;
        Weights = weights;
    }

    public UnigramTokenizer Tokenizer { get; }

    public UseLiteWeights Weights { get; }

    public static UseLiteModel Load(UseLitePackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return new UseLiteModel(UnigramTokenizer.Load(package.VocabularyPath), UseLiteWeights.Load(package.ModelJsonPath));
    }

    /// <summary>Installs the package if the cache lacks it (<see cref="UseLitePackage.Install"/>), then loads it.</summary>
    public static UseLiteModel Install(string? cacheDirectory = null, Action<string>? progress = null)
        => Load(UseLitePackage.Install(cacheDirectory, progress));

    /// <summary>The token ids of <paramref name="text"/>, clipped to the model's maximum length.</summary>
    public int[] Encode(string text)
    {
        var ids = Tokenizer.Encode(text);
        return ids.Length > Weights.MaxTokens ? ids[..Weights.MaxTokens] : ids;
    }

    /// <summary>The plaintext reference embedding of <paramref name="text"/>.</summary>
    public double[] EmbedPlaintext(string text) => UseLiteReference.Embed(Weights, Encode(text));
}
