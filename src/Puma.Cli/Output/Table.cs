namespace Puma.Cli.Output;

/// <summary>
/// A plain-text table for terminals: columns padded to their widest cell, text left-aligned and
/// numbers right-aligned (a column is numeric when its header says so at construction).
/// </summary>
internal sealed class Table
{
    private readonly (string Header, bool Numeric)[] _columns;
    private readonly List<string[]> _rows = [];

    /// <param name="columns">Headers; a leading '>' marks a right-aligned (numeric) column.</param>
    public Table(params string[] columns)
        => _columns = columns.Select(c => c.StartsWith('>') ? (c[1..], true) : (c, false)).ToArray();

    public void Add(params string[] cells)
    {
        if (cells.Length != _columns.Length) throw new ArgumentException($"Row has {cells.Length} cells, table has {_columns.Length} columns.", nameof(cells));
        _rows.Add(cells);
    }

    public void Write(TextWriter output)
    {
        var widths = _columns.Select((c, i) => _rows.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        WriteRow(output, _columns.Select(c => c.Header).ToArray(), widths);
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows) WriteRow(output, row, widths);
    }

    private void WriteRow(TextWriter output, string[] cells, int[] widths)
        => output.WriteLine(string.Join("  ", cells.Select((cell, i) => _columns[i].Numeric ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
}
