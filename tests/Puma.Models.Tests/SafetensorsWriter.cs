using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Puma.Models.Checkpoints;

namespace Puma.Models.Tests;

/// <summary>
/// Test-side safetensors writer (8-byte little-endian header length, JSON header, packed data),
/// so loader tests can build valid files and then break them one way at a time.
/// </summary>
internal static class SafetensorsWriter
{
    public sealed record Tensor(string Name, TensorDType DType, int[] Shape, float[] Values);

    public static void Write(string path, IEnumerable<Tensor> tensors)
    {
        var header = new Dictionary<string, object> { ["__metadata__"] = new Dictionary<string, string> { ["format"] = "pt" } };
        var data = new MemoryStream();
        foreach (var tensor in tensors)
        {
            var start = data.Length;
            foreach (var value in tensor.Values) data.Write(Encode(value, tensor.DType));
            header[tensor.Name] = new { dtype = tensor.DType.ToString(), shape = tensor.Shape, data_offsets = new[] { start, data.Length } };
        }
        WriteRaw(path, JsonSerializer.Serialize(header), data.ToArray());
    }

    /// <summary>Writes an arbitrary header and data section, for malformed-file tests.</summary>
    public static void WriteRaw(string path, string headerJson, byte[] data)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        var length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        File.WriteAllBytes(path, [.. length, .. header, .. data]);
    }

    /// <summary>The value as the dtype stores it (rounded for F16 and BF16, BF16 by truncation).</summary>
    public static float Stored(float value, TensorDType dtype) => dtype switch
    {
        TensorDType.F32 => value,
        TensorDType.F16 => (float)(Half)value,
        _ => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) & unchecked((int)0xFFFF0000)),
    };

    private static byte[] Encode(float value, TensorDType dtype)
    {
        switch (dtype)
        {
            case TensorDType.F32:
                var f32 = new byte[4];
                BinaryPrimitives.WriteSingleLittleEndian(f32, value);
                return f32;
            case TensorDType.F16:
                var f16 = new byte[2];
                BinaryPrimitives.WriteHalfLittleEndian(f16, (Half)value);
                return f16;
            default:
                var bf16 = new byte[2];
                BinaryPrimitives.WriteUInt16LittleEndian(bf16, (ushort)(BitConverter.SingleToUInt32Bits(value) >> 16));
                return bf16;
        }
    }
}
