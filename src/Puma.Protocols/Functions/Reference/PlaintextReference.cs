namespace Puma.Protocols.Functions.Reference;

/// <summary>
/// Plaintext double-precision references of the non-linear functions: the exact mathematical
/// function (what the secure approximation is measured against) and, where it differs, the
/// approximation itself in doubles (to separate approximation error from fixed-point error).
/// Tests and the model layers use these; none of them touches shares.
/// </summary>
public static class PlaintextReference
{
    /// <summary>Exact GeLU: x·Φ(x) = x/2·(1 + erf(x/√2)).</summary>
    public static double Gelu(double x) => 0.5 * x * (1 + Erf(x / Math.Sqrt(2)));

    /// <summary>GPT-2's gelu_new: x/2·(1 + tanh(√(2/π)·(x + 0.044715x³))).</summary>
    public static double GeluTanh(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));

    public static double Relu(double x) => Math.Max(x, 0);

    /// <summary>SiLU: x·sigmoid(x).</summary>
    public static double Silu(double x) => x * Sigmoid(x);

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static double Tanh(double x) => Math.Tanh(x);

    public static double Exp(double x) => Math.Exp(x);

    /// <summary><see cref="NegExpA"/>'s method in doubles: 0 below its cutoff, else q((x + 7.75)/8)² with q its degree-8 fit.</summary>
    public static double NegExpApproximation(double x)
    {
        if (x < NegExpA.Cutoff) return 0;
        var q = Polynomial([.. NegExpA.Fit], Math.ScaleB(x - NegExpA.Variable.Centre, -NegExpA.Variable.Shift));
        return q * q;
    }

    /// <summary>
    /// <see cref="ExpA"/>'s method in doubles: 0 below its cutoff, else 2^k·p(x − k·ln2) with
    /// k = floor(x/ln2) capped at <see cref="ExpA.HighestExponent"/> and p its degree-4 fit.
    /// </summary>
    public static double ExpApproximation(double x, int fractionalBits)
    {
        if (x < ExpA.Cutoff(fractionalBits)) return 0;
        int k = Math.Min((int)Math.Floor(x / Math.Log(2)), ExpA.HighestExponent);
        return Math.ScaleB(Polynomial([.. ExpA.Fit], x - k * Math.Log(2)), k);
    }

    public static double Reciprocal(double x) => 1 / x;

    public static double ReciprocalSqrt(double x) => 1 / Math.Sqrt(x);

    /// <summary>
    /// In-place softmax of one row, shifted by its maximum so exp never overflows: the project's one
    /// plaintext softmax (the reference forwards and the secure softmax's tests both use it).
    /// </summary>
    public static void Softmax(Span<double> row)
    {
        var max = double.NegativeInfinity;
        foreach (var value in row) max = Math.Max(max, value);
        var sum = 0.0;
        for (var i = 0; i < row.Length; i++) sum += row[i] = Math.Exp(row[i] - max);
        for (var i = 0; i < row.Length; i++) row[i] /= sum;
    }

    /// <summary>Row-wise softmax of an n×L row-major matrix.</summary>
    public static double[] Softmax(ReadOnlySpan<double> x, int rowLength) => MaskedSoftmax(x, rowLength, null);

    /// <summary>Softmax of each row over its first <paramref name="validLengths"/>[r] entries; the others are 0.</summary>
    public static double[] MaskedSoftmax(ReadOnlySpan<double> x, int rowLength, IReadOnlyList<int>? validLengths)
    {
        var y = new double[x.Length];
        for (int row = 0; row * rowLength < x.Length; row++)
        {
            var valid = y.AsSpan(row * rowLength, validLengths?[row] ?? rowLength);
            x.Slice(row * rowLength, valid.Length).CopyTo(valid);
            Softmax(valid);
        }
        return y;
    }

    /// <summary>LayerNorm of each row: γ·(x - μ)/√(σ² + ε) + β.</summary>
    public static double[] LayerNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> gamma, ReadOnlySpan<double> beta, double epsilon)
    {
        int d = gamma.Length;
        var y = new double[x.Length];
        for (int row = 0; row * d < x.Length; row++)
        {
            var input = x.Slice(row * d, d);
            double mean = 0, variance = 0;
            foreach (var v in input) mean += v;
            mean /= d;
            foreach (var v in input) variance += (v - mean) * (v - mean);
            double scale = 1 / Math.Sqrt(variance / d + epsilon);
            for (int j = 0; j < d; j++) y[row * d + j] = gamma[j] * (input[j] - mean) * scale + beta[j];
        }
        return y;
    }

    /// <summary>RMSNorm of each row: γ·x/√(mean(x²) + ε).</summary>
    public static double[] RmsNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> gamma, double epsilon)
    {
        int d = gamma.Length;
        var y = new double[x.Length];
        for (int row = 0; row * d < x.Length; row++)
        {
            var input = x.Slice(row * d, d);
            double squares = 0;
            foreach (var v in input) squares += v * v;
            double scale = 1 / Math.Sqrt(squares / d + epsilon);
            for (int j = 0; j < d; j++) y[row * d + j] = gamma[j] * input[j] * scale;
        }
        return y;
    }

    /// <summary>Evaluates c[0] + c[1]·x + … (Horner).</summary>
    public static double Polynomial(ReadOnlySpan<double> coefficients, double x)
    {
        double value = 0;
        for (int k = coefficients.Length - 1; k >= 0; k--) value = value * x + coefficients[k];
        return value;
    }

    /// <summary>
    /// erf to about 1e-15 (the BCL has none): its Maclaurin series for |x| &lt; 3, where it converges
    /// fast, and 1 - erfc by a continued fraction beyond.
    /// </summary>
    public static double Erf(double x)
    {
        double ax = Math.Abs(x);
        double result = ax < 3 ? ErfSeries(ax) : 1 - ErfcContinuedFraction(ax);
        return x < 0 ? -result : result;
    }

    private static double ErfSeries(double x)
    {
        double term = x, sum = x, x2 = x * x;
        for (int n = 1; n < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
        {
            term *= -x2 / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    private static double ErfcContinuedFraction(double x)
    {
        // Lentz evaluation of erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))).
        double f = x, c = x, d = 0;
        for (int n = 1; n < 200; n++)
        {
            double a = n / 2.0;
            d = x + a * d;
            d = 1 / d;
            c = x + a / c;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
