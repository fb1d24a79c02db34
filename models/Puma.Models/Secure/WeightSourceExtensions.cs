namespace Puma.Models.Secure;

/// <summary>The layers every family declares the same way: a dense layer is NAME.weight and NAME.bias, a LayerNorm NAME.gamma and NAME.beta.</summary>
internal static class WeightSourceExtensions
{
    /// <summary>A dense layer from its weight in Conv1D layout [inputs, outputs] and its bias.</summary>
    public static SecureDense Dense(this IWeightSource source, string name, int inputs, int outputs, Func<double[]> weight, Func<double[]> bias)
        => new(source.Tensor($"{name}.weight", [inputs, outputs], weight), source.Tensor($"{name}.bias", [outputs], bias));

    public static SecureLayerNorm LayerNorm(this IWeightSource source, string name, int width, Func<double[]> gamma, Func<double[]> beta, double epsilon)
        => new(source.Tensor($"{name}.gamma", [width], gamma), source.Tensor($"{name}.beta", [width], beta), epsilon);

    /// <summary>Elements of a tensor of <paramref name="shape"/>; throws when it exceeds one share's length.</summary>
    public static int Length(string name, int[] shape)
    {
        long length = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0) throw new ArgumentException($"Tensor '{name}' has a negative dimension.", nameof(shape));
            length *= dimension;
            if (length > Array.MaxLength) throw new ArgumentException($"Tensor '{name}' of shape [{string.Join(", ", shape)}] exceeds {Array.MaxLength} elements.", nameof(shape));
        }
        return (int)length;
    }
}
