using System.Buffers.Binary;

namespace Puma.Models.Checkpoints;

/// <summary>
/// Converts little-endian stored elements to float or double. F16 and BF16 widen exactly to
/// float, so converting to double through float loses nothing.
/// </summary>
internal static class TensorConversion
{
    public static void ToSingle(ReadOnlySpan<byte> source, TensorDType dtype, Span<float> destination)
    {
        switch (dtype)
        {
            case TensorDType.F32:
                for (var i = 0; i < destination.Length; i++)
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                break;
            case TensorDType.F16:
                for (var i = 0; i < destination.Length; i++)
                    destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source[(2 * i)..]);
                break;
            case TensorDType.BF16:
                for (var i = 0; i < destination.Length; i++)
                    destination[i] = BFloat16ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null);
        }
    }

    public static void ToDouble(ReadOnlySpan<byte> source, TensorDType dtype, Span<double> destination)
    {
        const int Chunk = 256;
        Span<float> buffer = stackalloc float[Chunk];
        var size = dtype.Size();
        for (var done = 0; done < destination.Length; done += Chunk)
        {
            var count = Math.Min(Chunk, destination.Length - done);
            ToSingle(source.Slice(done * size, count * size), dtype, buffer[..count]);
            for (var i = 0; i < count; i++) destination[done + i] = buffer[i];
        }
    }

    /// <summary>BF16 is the top half of an IEEE float32, so widening is a 16-bit shift.</summary>
    private static float BFloat16ToSingle(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);
}
