namespace Puma.Models.Checkpoints;

/// <summary>Element types this reader converts to float/double (the safetensors dtype names).</summary>
public enum TensorDType
{
    F32,
    F16,
    BF16,
}

/// <summary>Sizes and safetensors spellings of <see cref="TensorDType"/>.</summary>
public static class TensorDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int Size(this TensorDType dtype) => dtype switch
    {
        TensorDType.F32 => 4,
        TensorDType.F16 => 2,
        TensorDType.BF16 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>
    /// Parses a safetensors dtype string; false for any other (valid safetensors but unsupported
    /// here, such as I64 or F64, or simply unknown).
    /// </summary>
    public static bool TryParse(string text, out TensorDType dtype)
    {
        switch (text)
        {
            case "F32": dtype = TensorDType.F32; return true;
            case "F16": dtype = TensorDType.F16; return true;
            case "BF16": dtype = TensorDType.BF16; return true;
            default: dtype = default; return false;
        }
    }
}
