namespace Puma.Models.Tokenizers;

/// <summary>
/// GPT-2's reversible byte ↔ character map (<c>bytes_to_unicode</c>): printable Latin-1 bytes
/// map to themselves and the other 68 bytes to U+0100 onward, so every byte sequence becomes a
/// string of visible characters that the BPE vocabulary is written in (a space is 'Ġ').
/// </summary>
internal static class ByteLevelBpeByteMap
{
    public static readonly char[] ByteToChar = BuildByteToChar();

    public static readonly Dictionary<char, byte> CharToByte =
        Enumerable.Range(0, 256).ToDictionary(b => ByteToChar[b], b => (byte)b);

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= '¡' and <= '¬' or >= '®' and <= 'ÿ';
            map[b] = printable ? (char)b : (char)next++;
        }
        return map;
    }
}
