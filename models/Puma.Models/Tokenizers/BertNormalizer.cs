using System.Globalization;
using System.Text;

namespace Puma.Models.Tokenizers;

/// <summary>
/// Hugging Face's BertNormalizer, step for step as its JavaScript tokenizers run it (which the
/// fixtures come from): clean_text drops NUL, U+FFFD and control characters (categories Cc, Cf,
/// Co, Cs, except tab, newline and carriage return) and turns whitespace into spaces;
/// handle_chinese_chars puts spaces around CJK ideographs (UTF-16 units, as the JavaScript does, so
/// ideographs outside the Basic Multilingual Plane stay as they are); lowercase is Unicode's full
/// lowercase mapping (İ → i + dot above, final sigma); strip_accents (on by default when lowercase
/// is) decomposes to NFD and drops nonspacing marks.
/// </summary>
internal sealed record BertNormalizer(bool CleanText, bool HandleChineseChars, bool Lowercase, bool StripAccents)
{
    private const char CapitalSigma = 'Σ', FinalSigma = 'ς';

    public string Normalize(string text)
    {
        if (CleanText) text = Clean(text);
        if (HandleChineseChars) text = SpaceChineseCharacters(text);
        if (Lowercase) text = ToLower(text);
        if (StripAccents) text = CanonicalDecomposition.StripMarks(text);
        return text;
    }

    private static string Clean(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is 0 or 0xFFFD || IsControl(rune)) continue;
            if (Rune.IsWhiteSpace(rune)) output.Append(' ');
            else output.Append(rune.ToString());
        }
        return output.ToString();
    }

    private static bool IsControl(Rune rune) =>
        rune.Value is not ('\t' or '\n' or '\r')
        && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;

    private static string SpaceChineseCharacters(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (IsChineseCharacter(character)) output.Append(' ').Append(character).Append(' ');
            else output.Append(character);
        }
        return output.ToString();
    }

    /// <summary>The CJK blocks of the Basic Multilingual Plane that BERT splits into single characters.</summary>
    private static bool IsChineseCharacter(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    /// <summary>
    /// Full lowercase mapping: .NET's invariant mapping is the simple one, so the two
    /// context-free differences of JavaScript's <c>toLowerCase</c> are added by hand.
    /// </summary>
    private static string ToLower(string text)
    {
        if (Ascii.IsValid(text)) return text.ToLowerInvariant();
        var output = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            if (character == 'İ') output.Append("i\u0307");
            else if (character == CapitalSigma) output.Append(EndsWord(text, i) ? FinalSigma : 'σ');
            else if (char.IsSurrogatePair(text, i))
            {
                output.Append(Rune.ToLowerInvariant(new Rune(character, text[i + 1])).ToString());
                i++;
            }
            else output.Append(char.ToLowerInvariant(character));
        }
        return output.ToString();
    }

    /// <summary>Unicode's Final_Sigma condition: a cased letter before, none after (case-ignorable characters skipped).</summary>
    private static bool EndsWord(string text, int index)
    {
        bool CasedAt(int step)
        {
            for (var j = index + step; j >= 0 && j < text.Length; j += step)
            {
                var category = char.GetUnicodeCategory(text[j]);
                if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
                    || text[j] is '\'' or '.' or ':' or '\u00B7' or '\u2019') continue;
                return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;
            }
            return false;
        }
        return CasedAt(-1) && !CasedAt(+1);
    }
}
