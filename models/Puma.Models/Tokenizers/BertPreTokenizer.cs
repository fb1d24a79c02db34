using System.Globalization;
using System.Text;

namespace Puma.Models.Tokenizers;

/// <summary>
/// Hugging Face's BertPreTokenizer: splits on whitespace (dropped) and around punctuation, each
/// punctuation character a word of its own. Punctuation is Unicode's P* categories plus every
/// ASCII symbol (<c>$</c>, <c>+</c>, <c>^</c>, ...), as BERT's original code counts them.
/// </summary>
internal static class BertPreTokenizer
{
    /// <summary>Appends the words of <paramref name="text"/> to <paramref name="words"/>.</summary>
    public static void Split(string text, List<string> words)
    {
        var start = -1;
        for (var i = 0; i < text.Length;)
        {
            // A lone surrogate decodes as U+FFFD (a letter-like symbol) and stays in its word.
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            if (Rune.IsWhiteSpace(rune) || IsPunctuation(rune))
            {
                if (start >= 0) words.Add(text[start..i]);
                start = -1;
                if (!Rune.IsWhiteSpace(rune)) words.Add(text.Substring(i, length));
            }
            else if (start < 0)
            {
                start = i;
            }
            i += length;
        }
        if (start >= 0) words.Add(text[start..]);
    }

    public static bool IsPunctuation(Rune rune) =>
        rune.Value is (>= 0x21 and <= 0x2F) or (>= 0x3A and <= 0x40) or (>= 0x5B and <= 0x60) or (>= 0x7B and <= 0x7E)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
}
