namespace Puma.Models.Tokenizers;

/// <summary>
/// What tokenizer.json's truncation and single-sequence post-processor do to one encoded
/// sequence: keep at most max_length minus the template's special tokens (from the right or left
/// end, as declared), then lay out the template's items, e.g. <c>[CLS] $A [SEP]</c>, each with
/// its type id (HF TemplateProcessing).
/// </summary>
internal sealed class TokenizerTemplate
{
    private readonly TemplateItem[] _items;
    private readonly int? _maxLength;
    private readonly bool _keepEnd;

    /// <param name="items">The template in order; exactly one is the sequence (<see cref="TemplateItem.Ids"/> null).</param>
    /// <param name="maxLength">Truncation length including specials, or null for none.</param>
    /// <param name="keepEnd">Truncate from the left (direction "Left"), keeping the end.</param>
    public TokenizerTemplate(TemplateItem[] items, int? maxLength, bool keepEnd)
    {
        _items = items;
        _maxLength = maxLength;
        _keepEnd = keepEnd;
        SpecialCount = items.Sum(item => item.Ids?.Length ?? 0);
    }

    /// <summary>The identity template: the sequence alone, type 0, no truncation.</summary>
    public static TokenizerTemplate SequenceOnly { get; } = new([new TemplateItem(null, 0)], null, false);

    public int SpecialCount { get; }

    public EncodedText Apply(List<int> sequence)
    {
        var keep = _maxLength is { } max ? Math.Min(sequence.Count, max - SpecialCount) : sequence.Count;
        var start = _keepEnd ? sequence.Count - keep : 0;
        var ids = new int[SpecialCount + keep];
        var types = new int[ids.Length];
        var position = 0;
        foreach (var item in _items)
        {
            var length = item.Ids?.Length ?? keep;
            if (item.Ids is { } special) special.CopyTo(ids, position);
            else sequence.CopyTo(start, ids, position, keep);
            types.AsSpan(position, length).Fill(item.TypeId);
            position += length;
        }
        return new EncodedText(ids, types);
    }
}

/// <summary>One template item: special token ids, or the sequence itself (null ids), with its type id.</summary>
internal sealed record TemplateItem(int[]? Ids, int TypeId);
