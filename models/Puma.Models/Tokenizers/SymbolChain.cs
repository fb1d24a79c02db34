namespace Puma.Models.Tokenizers;

/// <summary>
/// A word's symbols (token ids) as a doubly linked list over their starting positions, which
/// the merge loops change in place: merging the pair at <c>left</c> keeps the left position
/// (positions stay in text order) and unlinks its right neighbour. This makes a merge O(1),
/// where rebuilding a list made each merge O(n) and a long text quadratic.
/// </summary>
internal sealed class SymbolChain
{
    private readonly int[] _ids, _next, _previous;
    private readonly bool[] _removed;

    public SymbolChain(List<int> symbols)
    {
        var count = symbols.Count;
        _ids = [.. symbols];
        _next = new int[count];
        _previous = new int[count];
        _removed = new bool[count];
        for (var i = 0; i < count; i++)
        {
            _next[i] = i + 1 < count ? i + 1 : -1;
            _previous[i] = i - 1;
        }
    }

    public int Count => _ids.Length;

    /// <summary>The symbol at <paramref name="position"/>.</summary>
    public int Id(int position) => _ids[position];

    /// <summary>The position after <paramref name="position"/>, or -1 at the end.</summary>
    public int Next(int position) => _next[position];

    /// <summary>The position before <paramref name="position"/>, or -1 at the start.</summary>
    public int Previous(int position) => _previous[position];

    /// <summary>Whether <paramref name="position"/> still starts a symbol holding <paramref name="left"/>, followed by <paramref name="right"/>.</summary>
    public bool HasPair(int position, int left, int right) =>
        !_removed[position] && _ids[position] == left && _next[position] >= 0 && _ids[_next[position]] == right;

    /// <summary>Replaces the pair starting at <paramref name="position"/> by <paramref name="merged"/>.</summary>
    public void Merge(int position, int merged)
    {
        var right = _next[position];
        _ids[position] = merged;
        _removed[right] = true;
        _next[position] = _next[right];
        if (_next[right] >= 0) _previous[_next[right]] = position;
    }

    /// <summary>The remaining symbols in order.</summary>
    public List<int> ToList()
    {
        var symbols = new List<int>();
        for (var position = _ids.Length == 0 ? -1 : 0; position >= 0; position = _next[position]) symbols.Add(_ids[position]);
        return symbols;
    }
}
