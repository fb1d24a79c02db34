using Puma.Models.Checkpoints;

namespace Puma.Models.Reference;

/// <summary>
/// Plaintext float64 building blocks for the reference forward passes that the secure engine is
/// checked against. Matrices are row-major spans with explicit sizes. Everything is scalar code
/// with a fixed summation order, so results are bit-identical on every ISA path.
/// </summary>
public static class PlainMath
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double OneOverSqrtPi = 0.5641895835477563;
    private const double SqrtTwoOverPi = 0.7978845608028654;
    private const double OneOverSqrtTwo = 0.7071067811865476;

    /// <summary>c[m,n] = a[m,k]·b[k,n], with b stored [in, out] (GPT-2's Conv1D layout).</summary>
    public static double[] MatMul(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int k, int n)
    {
        CheckSizes(a.Length, m, k, nameof(a));
        CheckSizes(b.Length, k, n, nameof(b));
        var c = new double[m * n];
        for (var row = 0; row < m; row++)
        {
            var cRow = c.AsSpan(row * n, n);
            for (var inner = 0; inner < k; inner++)
            {
                var scale = a[row * k + inner];
                var bRow = b.Slice(inner * n, n);
                for (var col = 0; col < n; col++) cRow[col] += scale * bRow[col];
            }
        }
        return c;
    }

    /// <summary>c[m,n] = a[m,k]·bᵀ with b stored [n,k] ([out, in]: nn.Linear and tied LM heads).</summary>
    public static double[] MatMulTransposed(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int k, int n)
    {
        CheckSizes(a.Length, m, k, nameof(a));
        CheckSizes(b.Length, n, k, nameof(b));
        var c = new double[m * n];
        for (var row = 0; row < m; row++)
        {
            var aRow = a.Slice(row * k, k);
            for (var col = 0; col < n; col++) c[row * n + col] = Dot(aRow, b.Slice(col * k, k));
        }
        return c;
    }

    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>Adds <paramref name="bias"/> to every row of <paramref name="x"/>.</summary>
    public static void AddBias(Span<double> x, ReadOnlySpan<double> bias)
    {
        CheckSizes(x.Length, x.Length / bias.Length, bias.Length, nameof(x));
        for (var i = 0; i < x.Length; i++) x[i] += bias[i % bias.Length];
    }

    /// <summary>x += y elementwise (residual connections).</summary>
    public static void Add(Span<double> x, ReadOnlySpan<double> y)
    {
        CheckSizes(x.Length, 1, y.Length, nameof(y));
        for (var i = 0; i < x.Length; i++) x[i] += y[i];
    }

    /// <summary>In-place LayerNorm of each row: (x − mean)/√(var + eps)·γ + β, population variance.</summary>
    public static void LayerNorm(Span<double> x, ReadOnlySpan<double> gamma, ReadOnlySpan<double> beta, double epsilon)
    {
        var width = gamma.Length;
        CheckSizes(x.Length, x.Length / width, width, nameof(x));
        for (var start = 0; start < x.Length; start += width)
        {
            var row = x.Slice(start, width);
            var mean = 0.0;
            foreach (var value in row) mean += value;
            mean /= width;
            var variance = 0.0;
            foreach (var value in row) variance += (value - mean) * (value - mean);
            var invStd = 1.0 / Math.Sqrt(variance / width + epsilon);
            for (var i = 0; i < width; i++) row[i] = (row[i] - mean) * invStd * gamma[i] + beta[i];
        }
    }

    /// <summary>In-place softmax of one row, shifted by its maximum so exp never overflows.</summary>
    public static void Softmax(Span<double> row)
    {
        var max = double.NegativeInfinity;
        foreach (var value in row) max = Math.Max(max, value);
        var sum = 0.0;
        for (var i = 0; i < row.Length; i++) sum += row[i] = Math.Exp(row[i] - max);
        for (var i = 0; i < row.Length; i++) row[i] /= sum;
    }

    /// <summary>
    /// Multi-head scaled dot-product attention over q, k, v of shape [tokens, heads·headSize];
    /// with <paramref name="causal"/>, position t attends only to positions ≤ t (GPT-2),
    /// otherwise to all (BERT without padding). Returns the concatenated heads, [tokens, heads·headSize].
    /// </summary>
    public static double[] Attention(ReadOnlySpan<double> q, ReadOnlySpan<double> k, ReadOnlySpan<double> v, int tokens, int heads, int headSize, bool causal)
    {
        var width = heads * headSize;
        CheckSizes(q.Length, tokens, width, nameof(q));
        CheckSizes(k.Length, tokens, width, nameof(k));
        CheckSizes(v.Length, tokens, width, nameof(v));
        var output = new double[tokens * width];
        var scores = new double[tokens];
        var scale = 1.0 / Math.Sqrt(headSize);
        for (var head = 0; head < heads; head++)
        {
            var offset = head * headSize;
            for (var t = 0; t < tokens; t++)
            {
                var visible = causal ? t + 1 : tokens;
                var query = q.Slice(t * width + offset, headSize);
                for (var s = 0; s < visible; s++) scores[s] = Dot(query, k.Slice(s * width + offset, headSize)) * scale;
                Softmax(scores.AsSpan(0, visible));
                var result = output.AsSpan(t * width + offset, headSize);
                for (var s = 0; s < visible; s++)
                {
                    var value = v.Slice(s * width + offset, headSize);
                    for (var i = 0; i < headSize; i++) result[i] += scores[s] * value[i];
                }
            }
        }
        return output;
    }

    /// <summary>Applies the configured GeLU to every element in place.</summary>
    public static void Gelu(Span<double> x, HiddenActivation activation)
    {
        for (var i = 0; i < x.Length; i++)
            x[i] = activation == HiddenActivation.GeluExact ? GeluExact(x[i]) : GeluTanh(x[i]);
    }

    /// <summary>x·Φ(x) = x/2·(1 + erf(x/√2)) (BERT's <c>gelu</c>).</summary>
    public static double GeluExact(double x) => 0.5 * x * (1.0 + Erf(x * OneOverSqrtTwo));

    /// <summary>x/2·(1 + tanh(√(2/π)(x + 0.044715x³))) (GPT-2's <c>gelu_new</c>).</summary>
    public static double GeluTanh(double x) => 0.5 * x * (1.0 + Math.Tanh(SqrtTwoOverPi * (x + 0.044715 * x * x * x)));

    /// <summary>
    /// The error function to about 1e-15 relative (the BCL has none). For |x| &lt; 2.5 the series
    /// erf x = 2/√π·e^(−x²)·Σ (2x²)ⁿ x / (1·3·…·(2n+1)), whose terms are all positive (no
    /// cancellation; at most ~40 terms); for 2.5 ≤ |x| &lt; 6 erf x = 1 − erfc x with erfc from its
    /// Laplace continued fraction, 40 levels deep (converged to double precision from 2.5 on); for
    /// |x| ≥ 6 erfc x &lt; 2.2e-17, below half an ulp of 1.
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        var magnitude = Math.Abs(x);
        double result;
        if (magnitude < 2.5) result = ErfSeries(magnitude);
        else if (magnitude < 6.0) result = 1.0 - ErfcContinuedFraction(magnitude);
        else result = 1.0;
        return x < 0 ? -result : result;
    }

    private static double ErfSeries(double x)
    {
        var twoXSquared = 2.0 * x * x;
        var term = x;
        var sum = x;
        for (var n = 1; term > 1e-17 * sum; n++)
        {
            term *= twoXSquared / (2 * n + 1);
            sum += term;
        }
        return TwoOverSqrtPi * Math.Exp(-x * x) * sum;
    }

    /// <summary>erfc x = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up.</summary>
    private static double ErfcContinuedFraction(double x)
    {
        const int Depth = 40;
        var tail = x;
        for (var n = Depth; n >= 1; n--) tail = x + 0.5 * n / tail;
        return OneOverSqrtPi * Math.Exp(-x * x) / tail;
    }

    private static void CheckSizes(int length, int rows, int columns, string name)
    {
        if (rows < 0 || columns < 0 || (long)rows * columns != length)
            throw new ArgumentException($"{name} has {length} elements, expected {rows}×{columns}", name);
    }
}
