namespace Puma.Models.Tokenizers;

/// <summary>
/// What tokenizer.json's truncation and post-processor do to one encoded sequence: keep at most
/// max_length minus the template's special tokens (from the right or left end, as declared), then
/// wrap it in the template's special tokens, e.g. <c>&lt;cls&gt; A &lt;sep&gt;</c>.
/// </summary>
internal sealed class ByteLevelBpeTemplate
{
    private readonly int[] _prefix;
    private readonly int[] _suffix;
    private readonly int? _maxLength;
    private readonly bool _keepEnd;

    /// <param name="prefix">Special ids before the sequence.</param>
    /// <param name="suffix">Special ids after the sequence.</param>
    /// <param name="maxLength">Truncation length including specials, or null for none.</param>
    /// <param name="keepEnd">Truncate from the left (direction "Left"), keeping the end.</param>
    public ByteLevelBpeTemplate(int[] prefix, int[] suffix, int? maxLength, bool keepEnd)
    {
        _prefix = prefix;
        _suffix = suffix;
        _maxLength = maxLength;
        _keepEnd = keepEnd;
    }

    public int SpecialCount => _prefix.Length + _suffix.Length;

    public int[] Apply(List<int> sequence)
    {
        var keep = _maxLength is { } max ? Math.Min(sequence.Count, max - SpecialCount) : sequence.Count;
        var start = _keepEnd ? sequence.Count - keep : 0;
        var result = new int[SpecialCount + keep];
        _prefix.CopyTo(result, 0);
        sequence.CopyTo(start, result, _prefix.Length, keep);
        _suffix.CopyTo(result, _prefix.Length + keep);
        return result;
    }
}
