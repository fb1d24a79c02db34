namespace Puma.Models.Reference;

/// <summary>
/// The LLaMA-specific steps of the plaintext reference in double precision: RMSNorm, rotary
/// embeddings in both pairings, and the SwiGLU gate. Plain scalar loops in a fixed order so that
/// results are bit-identical on every ISA path.
/// </summary>
internal static class LlamaMath
{
    /// <summary>output = weight ⊙ x / sqrt(mean(x²) + epsilon).</summary>
    public static void RmsNorm(ReadOnlySpan<double> x, ReadOnlySpan<float> weight, double epsilon, Span<double> output)
    {
        double sumOfSquares = 0;
        foreach (var value in x) sumOfSquares += value * value;
        var inverseRms = 1.0 / Math.Sqrt(sumOfSquares / x.Length + epsilon);
        for (var i = 0; i < x.Length; i++) output[i] = weight[i] * (inverseRms * x[i]);
    }

    /// <summary>
    /// Rotates every head of <paramref name="vector"/> by position <paramref name="position"/>:
    /// pair j (of headSize/2) turns by position · theta^(−2j/headSize). The layout says which two
    /// coordinates form pair j.
    /// </summary>
    public static void Rope(Span<double> vector, int headSize, int position, double theta, LlamaRopeLayout layout)
    {
        var half = headSize / 2;
        for (var head = 0; head < vector.Length; head += headSize)
        {
            for (var j = 0; j < half; j++)
            {
                var angle = position / Math.Pow(theta, 2.0 * j / headSize);
                var (sin, cos) = Math.SinCos(angle);
                var (a, b) = layout == LlamaRopeLayout.Interleaved
                    ? (head + 2 * j, head + 2 * j + 1)
                    : (head + j, head + j + half);
                var x0 = vector[a];
                var x1 = vector[b];
                vector[a] = x0 * cos - x1 * sin;
                vector[b] = x0 * sin + x1 * cos;
            }
        }
    }

    /// <summary>SwiGLU: gate ← silu(gate) ⊙ up, with silu(g) = g / (1 + e^(−g)).</summary>
    public static void SwiGlu(Span<double> gate, ReadOnlySpan<double> up)
    {
        for (var i = 0; i < gate.Length; i++) gate[i] = gate[i] / (1.0 + Math.Exp(-gate[i])) * up[i];
    }

    /// <summary>output = matrix · x for a row-major [output.Length, x.Length] float matrix.</summary>
    public static void MatVec(ReadOnlySpan<float> matrix, ReadOnlySpan<double> x, Span<double> output)
    {
        var columns = x.Length;
        for (var row = 0; row < output.Length; row++)
        {
            var weights = matrix.Slice(row * columns, columns);
            double sum = 0;
            for (var i = 0; i < columns; i++) sum += weights[i] * x[i];
            output[row] = sum;
        }
    }
}
