using Puma.Simd.Elementwise;

namespace Puma.Simd;

/// <summary>
/// The elementwise operations that long vectors of shares go through, split over up to
/// <c>threads</c> threads (-1: every core) by <see cref="ParallelChunks"/>: same contract and same
/// bits as the single-threaded overloads; vectors too short to be worth a thread stay on the caller.
/// </summary>
public static unsafe partial class Ring
{
    /// <summary><see cref="Add(ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, Span{ulong})"/> on up to <paramref name="threads"/> threads.</summary>
    public static void Add(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination, int threads)
    {
        Validate(x, y, destination);
        RunBinary<AddOperator>(x, y, destination, threads);
    }

    /// <summary><see cref="Subtract(ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, Span{ulong})"/> on up to <paramref name="threads"/> threads.</summary>
    public static void Subtract(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination, int threads)
    {
        Validate(x, y, destination);
        RunBinary<SubtractOperator>(x, y, destination, threads);
    }

    /// <summary><see cref="Multiply(ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, Span{ulong})"/> on up to <paramref name="threads"/> threads.</summary>
    public static void Multiply(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination, int threads)
    {
        Validate(x, y, destination);
        RunBinary<MultiplyOperator>(x, y, destination, threads);
    }

    /// <summary><see cref="Xor(ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, Span{ulong})"/> on up to <paramref name="threads"/> threads.</summary>
    public static void Xor(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination, int threads)
    {
        Validate(x, y, destination);
        RunBinary<XorOperator>(x, y, destination, threads);
    }

    /// <summary><see cref="MultiplyAdd(ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, Span{ulong})"/> on up to <paramref name="threads"/> threads.</summary>
    public static void MultiplyAdd(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, ReadOnlySpan<ulong> z, Span<ulong> destination, int threads)
    {
        Validate(x, y, z, destination);
        fixed (ulong* px = x, py = y, pz = z, pd = destination)
            ParallelChunks.For(destination.Length, threads, new TernaryChunks<MultiplyAddOperator>(px, py, pz, pd));
    }

    private static void RunBinary<TOperator>(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination, int threads)
        where TOperator : IBinaryOperator
    {
        fixed (ulong* px = x, py = y, pd = destination)
            ParallelChunks.For(destination.Length, threads, new BinaryChunks<TOperator>(px, py, pd));
    }
}
