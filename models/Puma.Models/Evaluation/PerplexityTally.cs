namespace Puma.Models.Evaluation;

/// <summary>
/// Accumulates next-token losses over many windows; the perplexity is exp of the mean loss per
/// predicted token (token-weighted, so long and short windows count by what they predict).
/// </summary>
public sealed class PerplexityTally
{
    public double LossSum { get; private set; }

    /// <summary>How many tokens were predicted.</summary>
    public long Tokens { get; private set; }

    public double Perplexity => Tokens == 0 ? double.NaN : Math.Exp(LossSum / Tokens);

    /// <summary>Adds one window's summed loss (<see cref="NextTokenLoss.WindowSum"/>) over <paramref name="predicted"/> tokens.</summary>
    public void Add(double lossSum, int predicted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(predicted);
        LossSum += lossSum;
        Tokens += predicted;
    }
}
