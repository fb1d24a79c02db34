using System.Globalization;
using System.Text;

namespace Puma.Models.Tokenizers;

/// <summary>
/// Canonical decomposition (NFD) of each character, which the project's invariant-globalization
/// mode cannot ask of <see cref="string.Normalize(NormalizationForm)"/>: Hangul syllables by
/// Unicode's formula, everything else from the generated table
/// (<c>tools/unicode/generate_decompositions.py</c>). Only <see cref="StripMarks"/> uses it, and it
/// drops the combining marks that canonical reordering would sort, so no reordering is done.
/// </summary>
internal static partial class CanonicalDecomposition
{
    private const int HangulBase = 0xAC00, HangulCount = 11172, LeadBase = 0x1100, VowelBase = 0x1161, TrailBase = 0x11A7;
    private const int VowelCount = 21, TrailCount = 28;

    private static readonly Dictionary<int, string> Decompositions = Parse();

    /// <summary>
    /// <paramref name="text"/> in NFD without its nonspacing marks (category Mn): what BERT's
    /// <c>strip_accents</c> does, e.g. "brûlée" → "brulee", "한" → its three jamo.
    /// </summary>
    public static string StripMarks(string text)
    {
        if (Ascii.IsValid(text)) return text;
        var output = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (value - HangulBase is >= 0 and < HangulCount and var index)
            {
                output.Append((char)(LeadBase + index / (VowelCount * TrailCount)));
                output.Append((char)(VowelBase + index % (VowelCount * TrailCount) / TrailCount));
                if (index % TrailCount != 0) output.Append((char)(TrailBase + index % TrailCount));
            }
            else if (Decompositions.TryGetValue(value, out var decomposed))
            {
                foreach (var part in decomposed.EnumerateRunes()) AppendUnlessMark(output, part);
            }
            else
            {
                AppendUnlessMark(output, rune);
            }
        }
        return output.ToString();
    }

    private static void AppendUnlessMark(StringBuilder output, Rune rune)
    {
        if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark) output.Append(rune.ToString());
    }

    private static Dictionary<int, string> Parse()
    {
        var entries = new Dictionary<int, string>();
        foreach (var entry in Table.Split('|'))
        {
            var key = Rune.GetRuneAt(entry, 0);
            entries[key.Value] = entry[key.Utf16SequenceLength..];
        }
        return entries;
    }
}
