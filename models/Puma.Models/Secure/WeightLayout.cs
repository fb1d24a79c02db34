namespace Puma.Models.Secure;

/// <summary>Plaintext rearrangements the model owner applies before sharing (public work folded into the weights).</summary>
internal static class WeightLayout
{
    /// <summary>nn.Linear [outputs, inputs] → Conv1D [inputs, outputs].</summary>
    public static double[] Transpose(double[] weight, int outputs, int inputs)
    {
        var transposed = new double[weight.Length];
        for (var o = 0; o < outputs; o++)
            for (var i = 0; i < inputs; i++) transposed[i * outputs + o] = weight[o * inputs + i];
        return transposed;
    }

    /// <summary>A copy of a [rows, columns] matrix (a bias is one row) with its first <paramref name="count"/> columns times <paramref name="scale"/>.</summary>
    public static double[] ScaleLeadingColumns(double[] matrix, int columns, int count, double scale)
    {
        var scaled = (double[])matrix.Clone();
        for (var start = 0; start < scaled.Length; start += columns)
            for (var j = 0; j < count; j++) scaled[start + j] *= scale;
        return scaled;
    }

    /// <summary>Matrices [inputs, width_k] side by side: [inputs, Σ width_k] (a stacked projection).</summary>
    public static double[] SideBySide(int inputs, params double[][] matrices)
    {
        var widths = matrices.Select(m => m.Length / inputs).ToArray();
        var total = widths.Sum();
        var stacked = new double[inputs * total];
        for (var i = 0; i < inputs; i++)
        {
            var offset = 0;
            for (var m = 0; m < matrices.Length; m++)
            {
                matrices[m].AsSpan(i * widths[m], widths[m]).CopyTo(stacked.AsSpan(i * total + offset));
                offset += widths[m];
            }
        }
        return stacked;
    }
}
