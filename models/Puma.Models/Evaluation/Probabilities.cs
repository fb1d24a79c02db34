namespace Puma.Models.Evaluation;

/// <summary>Class probabilities from revealed logits, computed in double on the client.</summary>
public static class Probabilities
{
    /// <summary>softmax(<paramref name="logits"/>), shifted by the maximum so it cannot overflow.</summary>
    public static double[] Softmax(ReadOnlySpan<double> logits)
    {
        if (logits.IsEmpty) throw new ArgumentException("No logits.", nameof(logits));
        var max = double.NegativeInfinity;
        foreach (var value in logits) max = Math.Max(max, value);
        var result = new double[logits.Length];
        double sum = 0;
        for (var i = 0; i < logits.Length; i++) sum += result[i] = Math.Exp(logits[i] - max);
        for (var i = 0; i < result.Length; i++) result[i] /= sum;
        return result;
    }
}
