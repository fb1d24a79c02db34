namespace Puma.Models.Evaluation;

/// <summary>
/// How closely secure logit rows follow the plaintext ones: the cosine of each pair of rows,
/// summarized as minimum and mean. A cosine near 1 says the direction (and so the ranking and
/// softmax shape) survived fixed-point arithmetic, whatever the scale.
/// </summary>
public sealed class CosineTally
{
    private double _sum;

    public int Count { get; private set; }

    public double Min { get; private set; } = double.NaN;

    public double Mean => Count == 0 ? double.NaN : _sum / Count;

    /// <summary>a·b / (|a| |b|); 1 when both are zero, 0 when only one is.</summary>
    public static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Rows of {a.Length} and {b.Length} values cannot be compared.", nameof(b));
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        if (aa == 0 && bb == 0) return 1;
        if (aa == 0 || bb == 0) return 0;
        return dot / (Math.Sqrt(aa) * Math.Sqrt(bb));
    }

    /// <summary>Adds the cosine of one pair of rows.</summary>
    public void Add(ReadOnlySpan<double> plaintext, ReadOnlySpan<double> secure)
    {
        var cosine = Cosine(plaintext, secure);
        Min = Count == 0 ? cosine : Math.Min(Min, cosine);
        _sum += cosine;
        Count++;
    }
}
