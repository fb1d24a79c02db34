namespace Puma.Models.Bundles;

/// <summary>The family names a bundle's manifest uses.</summary>
public static class ModelFamilies
{
    public const string Gpt2 = "gpt2";
    public const string Bert = "bert";
    public const string Llama = "llama";
    public const string UseLite = "use-lite";
}
