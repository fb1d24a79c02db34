namespace Puma.Models.Reference;

/// <summary>
/// One BERT encoder layer in float64. Projections keep nn.Linear's layout [out, in], so
/// y = x·Wᵀ + b.
/// </summary>
public sealed record BertLayerWeights(
    double[] QueryWeight,
    double[] QueryBias,
    double[] KeyWeight,
    double[] KeyBias,
    double[] ValueWeight,
    double[] ValueBias,
    double[] AttentionOutputWeight,
    double[] AttentionOutputBias,
    double[] AttentionNormWeight,
    double[] AttentionNormBias,
    double[] IntermediateWeight,
    double[] IntermediateBias,
    double[] OutputWeight,
    double[] OutputBias,
    double[] OutputNormWeight,
    double[] OutputNormBias);
