namespace Puma.Models.Evaluation;

/// <summary>
/// Cuts a document's token ids into the windows perplexity is measured on: consecutive,
/// non-overlapping, each of the full length, starting at the first token. A document shorter
/// than one window yields itself as its only window (when it has the 2 tokens a prediction
/// needs), so short documents still count; a trailing partial window is dropped, as the usual
/// fixed-length evaluation does.
/// </summary>
public static class TokenWindows
{
    /// <summary>Up to <paramref name="maxWindows"/> windows of <paramref name="length"/> tokens.</summary>
    public static IReadOnlyList<int[]> Split(ReadOnlySpan<int> ids, int length, int maxWindows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWindows, 1);
        if (ids.Length < length) return ids.Length >= 2 ? [ids.ToArray()] : [];
        var count = Math.Min(maxWindows, ids.Length / length);
        var windows = new int[count][];
        for (var i = 0; i < count; i++) windows[i] = ids.Slice(i * length, length).ToArray();
        return windows;
    }
}
