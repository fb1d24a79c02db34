using System.Text;

namespace Puma.Models.Tests.Tokenizers;

/// <summary>Writes small GGUF files (header and metadata, no tensors) for the reader's tests.</summary>
internal static class GgufWriter
{
    /// <summary>
    /// The bytes of a GGUF file with <paramref name="entries"/>: string, bool, uint32 (int),
    /// float32, and arrays of strings, floats and int32s.
    /// </summary>
    public static byte[] Build(uint version, params (string Key, object Value)[] entries)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("GGUF"u8);
        writer.Write(version);
        writer.Write(0UL);
        writer.Write((ulong)entries.Length);
        foreach (var (key, value) in entries)
        {
            WriteString(writer, key);
            WriteValue(writer, value);
        }
        writer.Flush();
        return stream.ToArray();
    }

    private static void WriteValue(BinaryWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.Write(8u);
                WriteString(writer, text);
                break;
            case bool flag:
                writer.Write(7u);
                writer.Write(flag);
                break;
            case int integer:
                writer.Write(4u);
                writer.Write((uint)integer);
                break;
            case string[] texts:
                writer.Write(9u);
                writer.Write(8u);
                writer.Write((ulong)texts.Length);
                foreach (var text in texts) WriteString(writer, text);
                break;
            case float[] floats:
                writer.Write(9u);
                writer.Write(6u);
                writer.Write((ulong)floats.Length);
                foreach (var number in floats) writer.Write(number);
                break;
            case int[] integers:
                writer.Write(9u);
                writer.Write(5u);
                writer.Write((ulong)integers.Length);
                foreach (var number in integers) writer.Write(number);
                break;
            default:
                throw new ArgumentException($"no GGUF encoding for {value.GetType()}", nameof(value));
        }
    }

    private static void WriteString(BinaryWriter writer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }
}
