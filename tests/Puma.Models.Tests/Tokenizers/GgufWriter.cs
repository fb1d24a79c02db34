using System.Text;

namespace Puma.Models.Tests.Tokenizers;

/// <summary>Writes small GGUF files (header and metadata, no tensors) for the reader's tests.</summary>
internal static class GgufWriter
{
    /// <summary>
    /// The bytes of a GGUF file with <paramref name="entries"/>: each CLR integer, float and bool
    /// type as its GGUF type (int as int32, uint as uint32, ...), strings, and arrays of any of
    /// them, arrays included (<c>object[]</c> of arrays).
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
            writer.Write(TypeTag(value.GetType()));
            WritePayload(writer, value);
        }
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>gguf.h's <c>gguf_type</c> of a CLR type.</summary>
    private static uint TypeTag(Type type) => type switch
    {
        _ when type == typeof(byte) => 0,
        _ when type == typeof(sbyte) => 1,
        _ when type == typeof(ushort) => 2,
        _ when type == typeof(short) => 3,
        _ when type == typeof(uint) => 4,
        _ when type == typeof(int) => 5,
        _ when type == typeof(float) => 6,
        _ when type == typeof(bool) => 7,
        _ when type == typeof(string) => 8,
        _ when type.IsArray => 9,
        _ when type == typeof(ulong) => 10,
        _ when type == typeof(long) => 11,
        _ when type == typeof(double) => 12,
        _ => throw new ArgumentException($"no GGUF encoding for {type}", nameof(type)),
    };

    private static void WritePayload(BinaryWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                WriteString(writer, text);
                break;
            case Array array:
                // An object[] holds arrays (GGUF's nested arrays); any other array's element type is its own.
                var elementType = array is object[] && array.Length > 0 ? array.GetValue(0)!.GetType() : array.GetType().GetElementType()!;
                writer.Write(TypeTag(elementType));
                writer.Write((ulong)array.Length);
                foreach (var item in array) WritePayload(writer, item);
                break;
            default:
                WriteScalar(writer, value);
                break;
        }
    }

    private static void WriteScalar(BinaryWriter writer, object value)
    {
        switch (value)
        {
            case byte v: writer.Write(v); break;
            case sbyte v: writer.Write(v); break;
            case ushort v: writer.Write(v); break;
            case short v: writer.Write(v); break;
            case uint v: writer.Write(v); break;
            case int v: writer.Write(v); break;
            case float v: writer.Write(v); break;
            case bool v: writer.Write(v); break;
            case ulong v: writer.Write(v); break;
            case long v: writer.Write(v); break;
            case double v: writer.Write(v); break;
            default: throw new ArgumentException($"no GGUF encoding for {value.GetType()}", nameof(value));
        }
    }

    private static void WriteString(BinaryWriter writer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }
}
