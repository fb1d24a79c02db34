namespace Puma.Models.Reference;

/// <summary>
/// One GPT-2 block in float64. Projections keep HF's Conv1D layout [in, out], so y = x·W + b.
/// </summary>
public sealed record Gpt2LayerWeights(
    double[] Norm1Weight,
    double[] Norm1Bias,
    double[] QkvWeight,
    double[] QkvBias,
    double[] AttentionOutputWeight,
    double[] AttentionOutputBias,
    double[] Norm2Weight,
    double[] Norm2Bias,
    double[] MlpUpWeight,
    double[] MlpUpBias,
    double[] MlpDownWeight,
    double[] MlpDownBias);
