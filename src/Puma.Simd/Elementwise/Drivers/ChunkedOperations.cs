namespace Puma.Simd.Elementwise;

/// <summary>A binary elementwise operation on one chunk of pinned operands (see <see cref="ParallelChunks"/>).</summary>
internal readonly unsafe struct BinaryChunks<TOperator>(ulong* x, ulong* y, ulong* destination) : IChunkBody
    where TOperator : IBinaryOperator
{
    public void Run(int start, int length) => ElementwiseDriver.Run(
        new BinarySource<TOperator>(new ReadOnlySpan<ulong>(x + start, length), new ReadOnlySpan<ulong>(y + start, length)),
        new Span<ulong>(destination + start, length));
}

/// <summary>A ternary elementwise operation on one chunk of pinned operands (see <see cref="ParallelChunks"/>).</summary>
internal readonly unsafe struct TernaryChunks<TOperator>(ulong* x, ulong* y, ulong* z, ulong* destination) : IChunkBody
    where TOperator : ITernaryOperator
{
    public void Run(int start, int length) => ElementwiseDriver.Run(
        new TernarySource<TOperator>(new ReadOnlySpan<ulong>(x + start, length), new ReadOnlySpan<ulong>(y + start, length), new ReadOnlySpan<ulong>(z + start, length)),
        new Span<ulong>(destination + start, length));
}
