using System.Numerics;
using System.Runtime.InteropServices;
using Puma.Models.Checkpoints;
using Puma.Protocols.Functions.Reference;

namespace Puma.Models.Reference;

/// <summary>
/// Plaintext float64 building blocks for the reference forward passes that the secure engine is
/// checked against. Matrices are row-major spans with explicit sizes. Every value is computed in a
/// fixed order without fused multiply-add (vectors only run across independent outputs), so
/// results are bit-identical on every ISA path.
/// </summary>
public static class PlainMath
{
    private const double OneOverSqrtPi = 0.5641895835477563;
    private const double SqrtTwoOverPi = 0.7978845608028654;
    private const double OneOverSqrtTwo = 0.7071067811865476;

    /// <summary>From this many rows, transposing b once beats one dot product per output.</summary>
    private const int TransposeMinRows = 4;

    /// <summary>
    /// c[m,n] = a[m,k]·b[k,n], with b stored [in, out] (GPT-2's Conv1D layout). Each c[i,j] is
    /// summed over k in order from 0, without fused multiply-add; vectors run across j, so every
    /// ISA path (and <see cref="MatMulTransposed"/>) gives bit-identical results.
    /// </summary>
    public static double[] MatMul(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int k, int n)
    {
        CheckSizes(a.Length, m, k, nameof(a));
        CheckSizes(b.Length, k, n, nameof(b));
        var c = new double[m * n];
        var column = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; column + 4 * Vector<double>.Count <= n; column += 4 * Vector<double>.Count)
                MatMulFourVectorColumns(a, b, c, m, k, n, column);
            for (; column + Vector<double>.Count <= n; column += Vector<double>.Count)
                MatMulOneVectorColumn(a, b, c, m, k, n, column);
        }
        for (; column < n; column++)
        {
            for (var row = 0; row < m; row++)
            {
                var sum = 0.0;
                for (var inner = 0; inner < k; inner++) sum += a[row * k + inner] * b[inner * n + column];
                c[row * n + column] = sum;
            }
        }
        return c;
    }

    /// <summary>
    /// c[m,n] = a[m,k]·bᵀ with b stored [n,k] ([out, in]: nn.Linear and tied LM heads); same
    /// summation order, hence same bits, as <see cref="MatMul"/> on the transposed b.
    /// </summary>
    public static double[] MatMulTransposed(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int m, int k, int n)
    {
        CheckSizes(a.Length, m, k, nameof(a));
        CheckSizes(b.Length, n, k, nameof(b));
        if (m >= TransposeMinRows) return MatMul(a, Transpose(b, n, k), m, k, n);
        var c = new double[m * n];
        for (var row = 0; row < m; row++)
        {
            var aRow = a.Slice(row * k, k);
            for (var col = 0; col < n; col++) c[row * n + col] = Dot(aRow, b.Slice(col * k, k));
        }
        return c;
    }

    /// <summary>b[rows, columns] → bᵀ[columns, rows].</summary>
    public static double[] Transpose(ReadOnlySpan<double> b, int rows, int columns)
    {
        CheckSizes(b.Length, rows, columns, nameof(b));
        var t = new double[b.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++) t[c * rows + r] = b[r * columns + c];
        return t;
    }

    /// <summary>Σ x[i]·y[i], summed in index order from 0.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        y = y[..x.Length];
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
        var scale = 1.0 / Math.Sqrt(headSize);
        for (var head = 0; head < heads; head++)
        {
            var scores = MatMulTransposed(HeadColumns(q, tokens, width, head, headSize), HeadColumns(k, tokens, width, head, headSize), tokens, headSize, tokens);
            for (var t = 0; t < tokens; t++)
            {
                var row = scores.AsSpan(t * tokens, tokens);
                var visible = causal ? row[..(t + 1)] : row;
                foreach (ref var score in visible) score *= scale;
                PlaintextReference.Softmax(visible);
                row[visible.Length..].Clear();
            }
            var context = MatMul(scores, HeadColumns(v, tokens, width, head, headSize), tokens, tokens, headSize);
            for (var t = 0; t < tokens; t++) context.AsSpan(t * headSize, headSize).CopyTo(output.AsSpan(t * width + head * headSize));
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
    /// The error function to about 1e-15 relative (the BCL has none), after W. J. Cody, "Rational
    /// Chebyshev approximations for the error function", Math. Comp. 23 (1969), as in his CALERF:
    /// a rational function of x² for |x| ≤ 0.46875, erf = 1 − erfc with erfc = e^(−x²)·R(x) for
    /// |x| ≤ 4 (e^(−x²) split in two factors to keep its relative accuracy); beyond 4 erfc comes
    /// from its Laplace continued fraction (converged to double precision there), and from 6 on
    /// erfc &lt; 2.2e-17 is below half an ulp of 1.
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        var y = Math.Abs(x);
        if (y <= CodySmallLimit) return x * SmallRational(y * y);
        double result;
        if (y <= CodyMiddleLimit) result = 1.0 - ExpMinusSquare(y) * MiddleRational(y);
        else if (y < 6.0) result = 1.0 - ErfcContinuedFraction(y);
        else result = 1.0;
        return x < 0 ? -result : result;
    }

    private const double CodySmallLimit = 0.46875;
    private const double CodyMiddleLimit = 4.0;
    private static readonly double[] CodyA = [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1];
    private static readonly double[] CodyB = [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03];
    private static readonly double[] CodyC = [5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02,
        8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8];
    private static readonly double[] CodyD = [1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03,
        3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03];

    /// <summary>erf(y)/y for y² = <paramref name="z"/> ≤ 0.46875².</summary>
    private static double SmallRational(double z)
    {
        var (numerator, denominator) = (CodyA[4] * z, z);
        for (var i = 0; i < 3; i++)
        {
            numerator = (numerator + CodyA[i]) * z;
            denominator = (denominator + CodyB[i]) * z;
        }
        return (numerator + CodyA[3]) / (denominator + CodyB[3]);
    }

    /// <summary>erfc(y)·e^(y²) for 0.46875 &lt; y ≤ 4.</summary>
    private static double MiddleRational(double y)
    {
        var (numerator, denominator) = (CodyC[8] * y, y);
        for (var i = 0; i < 7; i++)
        {
            numerator = (numerator + CodyC[i]) * y;
            denominator = (denominator + CodyD[i]) * y;
        }
        return (numerator + CodyC[7]) / (denominator + CodyD[7]);
    }

    /// <summary>e^(−y²) as e^(−r²)·e^(−(y−r)(y+r)) with r = y rounded down to 1/16, so y² is never rounded.</summary>
    private static double ExpMinusSquare(double y)
    {
        var rounded = Math.Truncate(y * 16.0) / 16.0;
        return Math.Exp(-rounded * rounded) * Math.Exp(-(y - rounded) * (y + rounded));
    }

    /// <summary>erfc x = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up.</summary>
    private static double ErfcContinuedFraction(double x)
    {
        const int Depth = 40;
        var tail = x;
        for (var n = Depth; n >= 1; n--) tail = x + 0.5 * n / tail;
        return OneOverSqrtPi * Math.Exp(-x * x) / tail;
    }

    /// <summary>
    /// Columns [column, + 4 vectors) of c, each row accumulated in registers over the whole k
    /// loop: one load of b per multiply-add and no round trips through c.
    /// </summary>
    private static void MatMulFourVectorColumns(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, int column)
    {
        var width = Vector<double>.Count;
        ref var bStart = ref MemoryMarshal.GetReference(b);
        for (var row = 0; row < m; row++)
        {
            var (sum0, sum1, sum2, sum3) = (Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero);
            var aRow = a.Slice(row * k, k);
            for (var inner = 0; inner < aRow.Length; inner++)
            {
                var scale = new Vector<double>(aRow[inner]);
                var offset = (nuint)(inner * n + column);
                sum0 += scale * Vector.LoadUnsafe(ref bStart, offset);
                sum1 += scale * Vector.LoadUnsafe(ref bStart, offset + (nuint)width);
                sum2 += scale * Vector.LoadUnsafe(ref bStart, offset + (nuint)(2 * width));
                sum3 += scale * Vector.LoadUnsafe(ref bStart, offset + (nuint)(3 * width));
            }
            var cRow = c.Slice(row * n + column, 4 * width);
            sum0.CopyTo(cRow);
            sum1.CopyTo(cRow[width..]);
            sum2.CopyTo(cRow[(2 * width)..]);
            sum3.CopyTo(cRow[(3 * width)..]);
        }
    }

    /// <summary>Columns [column, + 1 vector) of c, as <see cref="MatMulFourVectorColumns"/>.</summary>
    private static void MatMulOneVectorColumn(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, int column)
    {
        ref var bStart = ref MemoryMarshal.GetReference(b);
        for (var row = 0; row < m; row++)
        {
            var sum = Vector<double>.Zero;
            var aRow = a.Slice(row * k, k);
            for (var inner = 0; inner < aRow.Length; inner++)
                sum += new Vector<double>(aRow[inner]) * Vector.LoadUnsafe(ref bStart, (nuint)(inner * n + column));
            sum.CopyTo(c.Slice(row * n + column, Vector<double>.Count));
        }
    }

    /// <summary>Columns [head·headSize, +headSize) of a [tokens, width] matrix, as [tokens, headSize].</summary>
    private static double[] HeadColumns(ReadOnlySpan<double> x, int tokens, int width, int head, int headSize)
    {
        var result = new double[tokens * headSize];
        for (var t = 0; t < tokens; t++) x.Slice(t * width + head * headSize, headSize).CopyTo(result.AsSpan(t * headSize));
        return result;
    }

    private static void CheckSizes(int length, int rows, int columns, string name)
    {
        if (rows < 0 || columns < 0 || (long)rows * columns != length)
            throw new ArgumentException($"{name} has {length} elements, expected {rows}×{columns}", name);
    }
}
