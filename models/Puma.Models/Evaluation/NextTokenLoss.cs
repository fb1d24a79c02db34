namespace Puma.Models.Evaluation;

/// <summary>
/// Negative log-likelihoods of next tokens under logits, in double with the log-sum-exp shifted
/// by the row maximum so that large logits (secure fixed-point rows included) cannot overflow.
/// </summary>
public static class NextTokenLoss
{
    /// <summary>−log softmax(<paramref name="logits"/>)[<paramref name="target"/>].</summary>
    public static double NegativeLogLikelihood(ReadOnlySpan<double> logits, int target)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)target, (uint)logits.Length, nameof(target));
        var max = double.NegativeInfinity;
        foreach (var value in logits) max = Math.Max(max, value);
        double sum = 0;
        foreach (var value in logits) sum += Math.Exp(value - max);
        return max + Math.Log(sum) - logits[target];
    }

    /// <summary>
    /// The summed loss of predicting tokens 1..L−1 of <paramref name="window"/> from their
    /// prefixes: row t of <paramref name="rows"/> ([at least L−1, vocab]) holds the logits after
    /// tokens 0..t and is scored against token t+1. The window's first token is never predicted.
    /// </summary>
    public static double WindowSum(ReadOnlySpan<double> rows, int vocab, ReadOnlySpan<int> window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocab, 1);
        if (window.Length < 2) throw new ArgumentException($"A window of {window.Length} tokens predicts nothing; at least 2 are needed.", nameof(window));
        if (rows.Length < (long)(window.Length - 1) * vocab)
            throw new ArgumentException($"{rows.Length} logits hold fewer than the {window.Length - 1} rows of {vocab} the window needs.", nameof(rows));
        double sum = 0;
        for (var t = 0; t + 1 < window.Length; t++) sum += NegativeLogLikelihood(rows.Slice(t * vocab, vocab), window[t + 1]);
        return sum;
    }
}
