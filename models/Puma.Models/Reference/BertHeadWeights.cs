namespace Puma.Models.Reference;

/// <summary>
/// BertForSequenceClassification's head: the pooler (dense + tanh on the first token) and the
/// classifier ([labels, hidden]), both in nn.Linear layout [out, in].
/// </summary>
public sealed record BertHeadWeights(double[] PoolerWeight, double[] PoolerBias, double[] ClassifierWeight, double[] ClassifierBias);
