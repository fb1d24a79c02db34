using Puma.Models.Bundles;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Models.Synthetic;

namespace Puma.Models.Tests.Synthetic;

/// <summary>Model shapes of each family small enough for a test to write, load and run in a moment (shared with the CLI's bench tests).</summary>
internal static class TinyShapes
{
    public static ModelShape Of(string family) => family switch
    {
        ModelFamilies.Bert => new("tiny-bert", family,
            new BertConfig(VocabSize: 40, Hidden: 8, Layers: 1, Heads: 2, Intermediate: 16, Activation: HiddenActivation.GeluExact,
                MaxPositions: 16, TypeVocabSize: 2, LayerNormEpsilon: 1e-12, PadTokenId: 0, IsClassifier: true, Labels: ["a", "b"]), 6, 0),
        ModelFamilies.Gpt2 => new("tiny-gpt2", family,
            new Gpt2Config(VocabSize: 50, ContextLength: 16, Width: 8, Layers: 1, Heads: 2, InnerSize: 32,
                Activation: HiddenActivation.GeluTanh, LayerNormEpsilon: 1e-5, TieWordEmbeddings: true), 4, 2),
        _ => new("tiny-llama", family,
            new LlamaConfig(Dim: 8, HiddenDim: 16, Layers: 2, Heads: 2, KvHeads: 1, VocabSize: 30, MaxSequenceLength: 16,
                NormEpsilon: 1e-5, RopeTheta: 10000, RopeLayout: LlamaRopeLayout.RotateHalf), 4, 2),
    };
}
