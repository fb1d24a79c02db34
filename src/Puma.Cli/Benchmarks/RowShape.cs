namespace Puma.Cli.Benchmarks;

/// <summary>A row-major matrix of <see cref="Rows"/> rows of <see cref="Columns"/>, the unit of the row-wise functions.</summary>
internal readonly record struct RowShape(int Rows, int Columns)
{
    public int Elements => checked(Rows * Columns);

    public override string ToString() => $"{Rows}x{Columns}";
}
