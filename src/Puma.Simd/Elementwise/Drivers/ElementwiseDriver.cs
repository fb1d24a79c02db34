using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Puma.Simd.Elementwise;

/// <summary>
/// The one loop behind every elementwise kernel: picks the widest accelerated vector that fits the
/// length (512, then 256, then 128 bits, then scalar), runs full vectors, and finishes the remainder
/// with one overlapping last vector.
/// </summary>
/// <remarks>
/// The last vector is computed before the loop stores anything and written after it. With the
/// destination aliasing an input exactly, the overlapping part is therefore computed from the
/// original inputs, not from results the loop already wrote (which would be wrong for
/// non-idempotent operations such as in-place add). Partial overlap is rejected by the callers.
/// </remarks>
internal static class ElementwiseDriver
{
    /// <summary>Writes <c>destination[i] = source[i]</c> for every element of <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TSource>(TSource source, Span<ulong> destination)
        where TSource : ILaneSource, allows ref struct
        => Run<TSource, UInt64Target, ulong>(source, ref MemoryMarshal.GetReference(destination), (nuint)destination.Length);

    /// <summary>Writes <c>destination[i] = (float)source[i]</c>, the lanes holding doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TSource>(TSource source, Span<float> destination)
        where TSource : ILaneSource, allows ref struct
        => Run<TSource, SingleTarget, float>(source, ref MemoryMarshal.GetReference(destination), (nuint)destination.Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Run<TSource, TTarget, TDestination>(TSource source, ref TDestination destination, nuint count)
        where TSource : ILaneSource, allows ref struct
        where TTarget : ILaneTarget<TDestination>
    {
        if (Vector512.IsHardwareAccelerated && count >= (nuint)Vector512<ulong>.Count)
        {
            Run512<TSource, TTarget, TDestination>(source, ref destination, count);
        }
        else if (Vector256.IsHardwareAccelerated && count >= (nuint)Vector256<ulong>.Count)
        {
            Run256<TSource, TTarget, TDestination>(source, ref destination, count);
        }
        else if (Vector128.IsHardwareAccelerated && count >= (nuint)Vector128<ulong>.Count)
        {
            Run128<TSource, TTarget, TDestination>(source, ref destination, count);
        }
        else
        {
            for (nuint i = 0; i < count; i++) TTarget.Store(source.Invoke(i), ref destination, i);
        }
    }

    private static void Run512<TSource, TTarget, TDestination>(TSource source, ref TDestination destination, nuint count)
        where TSource : ILaneSource, allows ref struct
        where TTarget : ILaneTarget<TDestination>
    {
        const nuint width = 8;
        nuint lastStart = count - width;
        Vector512<ulong> last = source.Invoke512(lastStart);
        nuint i = 0;
        for (; i + 4 * width <= lastStart; i += 4 * width)
        {
            TTarget.Store512(source.Invoke512(i), ref destination, i);
            TTarget.Store512(source.Invoke512(i + width), ref destination, i + width);
            TTarget.Store512(source.Invoke512(i + 2 * width), ref destination, i + 2 * width);
            TTarget.Store512(source.Invoke512(i + 3 * width), ref destination, i + 3 * width);
        }
        for (; i < lastStart; i += width) TTarget.Store512(source.Invoke512(i), ref destination, i);
        TTarget.Store512(last, ref destination, lastStart);
    }

    private static void Run256<TSource, TTarget, TDestination>(TSource source, ref TDestination destination, nuint count)
        where TSource : ILaneSource, allows ref struct
        where TTarget : ILaneTarget<TDestination>
    {
        const nuint width = 4;
        nuint lastStart = count - width;
        Vector256<ulong> last = source.Invoke256(lastStart);
        nuint i = 0;
        for (; i + 4 * width <= lastStart; i += 4 * width)
        {
            TTarget.Store256(source.Invoke256(i), ref destination, i);
            TTarget.Store256(source.Invoke256(i + width), ref destination, i + width);
            TTarget.Store256(source.Invoke256(i + 2 * width), ref destination, i + 2 * width);
            TTarget.Store256(source.Invoke256(i + 3 * width), ref destination, i + 3 * width);
        }
        for (; i < lastStart; i += width) TTarget.Store256(source.Invoke256(i), ref destination, i);
        TTarget.Store256(last, ref destination, lastStart);
    }

    private static void Run128<TSource, TTarget, TDestination>(TSource source, ref TDestination destination, nuint count)
        where TSource : ILaneSource, allows ref struct
        where TTarget : ILaneTarget<TDestination>
    {
        const nuint width = 2;
        nuint lastStart = count - width;
        Vector128<ulong> last = source.Invoke128(lastStart);
        nuint i = 0;
        for (; i + 4 * width <= lastStart; i += 4 * width)
        {
            TTarget.Store128(source.Invoke128(i), ref destination, i);
            TTarget.Store128(source.Invoke128(i + width), ref destination, i + width);
            TTarget.Store128(source.Invoke128(i + 2 * width), ref destination, i + 2 * width);
            TTarget.Store128(source.Invoke128(i + 3 * width), ref destination, i + 3 * width);
        }
        for (; i < lastStart; i += width) TTarget.Store128(source.Invoke128(i), ref destination, i);
        TTarget.Store128(last, ref destination, lastStart);
    }
}
