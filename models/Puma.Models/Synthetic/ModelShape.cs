using Puma.Models.Bundles;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;

namespace Puma.Models.Synthetic;

/// <summary>
/// The public shape of a published model, with its real vocabulary: what <c>puma bench model</c>
/// fills with random weights. <see cref="Config"/> is the family's config record.
/// </summary>
/// <param name="DefaultTokens">Input tokens when none are given: PUMA's benchmark lengths.</param>
/// <param name="DefaultNewTokens">Generated tokens when none are given (0 for a classifier).</param>
public sealed record ModelShape(string Name, string Family, object Config, int DefaultTokens, int DefaultNewTokens)
{
    /// <summary>Input tokens the shape takes at most (its context or position table).</summary>
    public int MaxTokens => Config switch
    {
        BertConfig bert => bert.MaxPositions,
        Gpt2Config gpt2 => gpt2.ContextLength,
        LlamaConfig llama => llama.MaxSequenceLength,
        _ => throw new InvalidOperationException($"Shape '{Name}' has no known config."),
    };

    public bool Generates => Family != ModelFamilies.Bert;

    public static IReadOnlyList<ModelShape> All { get; } =
    [
        Bert("bert-base", hidden: 768, layers: 12, heads: 12),
        Bert("bert-large", hidden: 1024, layers: 24, heads: 16),
        Gpt2("gpt2-base", width: 768, layers: 12, heads: 12),
        Gpt2("gpt2-medium", width: 1024, layers: 24, heads: 16),
        Gpt2("gpt2-large", width: 1280, layers: 36, heads: 20),
        new("llama-7b", ModelFamilies.Llama,
            new LlamaConfig(Dim: 4096, HiddenDim: 11008, Layers: 32, Heads: 32, KvHeads: 32, VocabSize: 32000,
                MaxSequenceLength: 2048, NormEpsilon: 1e-6, RopeTheta: 10000, RopeLayout: LlamaRopeLayout.RotateHalf),
            DefaultTokens: 8, DefaultNewTokens: 1),
    ];

    public static IEnumerable<string> Names => All.Select(shape => shape.Name);

    /// <summary>The shape called <paramref name="name"/>, or null.</summary>
    public static ModelShape? Find(string name) => All.FirstOrDefault(shape => shape.Name == name);

    private static ModelShape Bert(string name, int hidden, int layers, int heads)
        => new(name, ModelFamilies.Bert,
            new BertConfig(VocabSize: 30522, Hidden: hidden, Layers: layers, Heads: heads, Intermediate: 4 * hidden,
                Activation: HiddenActivation.GeluExact, MaxPositions: 512, TypeVocabSize: 2, LayerNormEpsilon: 1e-12,
                PadTokenId: 0, IsClassifier: true, Labels: ["LABEL_0", "LABEL_1"]),
            DefaultTokens: 128, DefaultNewTokens: 0);

    private static ModelShape Gpt2(string name, int width, int layers, int heads)
        => new(name, ModelFamilies.Gpt2,
            new Gpt2Config(VocabSize: 50257, ContextLength: 1024, Width: width, Layers: layers, Heads: heads, InnerSize: 4 * width,
                Activation: HiddenActivation.GeluTanh, LayerNormEpsilon: 1e-5, TieWordEmbeddings: true),
            DefaultTokens: 32, DefaultNewTokens: 1);
}
