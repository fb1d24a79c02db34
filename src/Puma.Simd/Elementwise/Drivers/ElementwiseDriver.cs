using System.Runtime.CompilerServices;
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
    /// <summary>Writes <c>target[i] = source[i]</c> for <c>i</c> in <c>[0, length)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TSource, TTarget>(TSource source, TTarget target, int length)
        where TSource : ILaneSource, allows ref struct
        where TTarget : ILaneTarget, allows ref struct
    {
        nuint count = (nuint)length;
        if (Vector512.IsHardwareAccelerated && count >= (nuint)Vector512<ulong>.Count)
        {
            Run512(source, target, count);
        }
        else if (Vector256.IsHardwareAccelerated && count >= (nuint)Vector256<ulong>.Count)
        {
            Run256(source, target, count);
        }
        else if (Vector128.IsHardwareAccelerated && count >= (nuint)Vector128<ulong>.Count)
        {
            Run128(source, target, count);
        }
        else
        {
            for (nuint i = 0; i < count; i++) target.Store(source.Invoke(i), i);
        }
    }

    private static void Run512<TSource, TTarget>(TSource source, TTarget target, nuint count)
        where TSource : ILaneSource, allows ref struct
        where TTarget : ILaneTarget, allows ref struct
    {
        const nuint width = 8;
        nuint lastStart = count - width;
        Vector512<ulong> last = source.Invoke512(lastStart);
        nuint i = 0;
        for (; i + 4 * width <= lastStart; i += 4 * width)
        {
            target.Store512(source.Invoke512(i), i);
            target.Store512(source.Invoke512(i + width), i + width);
            target.Store512(source.Invoke512(i + 2 * width), i + 2 * width);
            target.Store512(source.Invoke512(i + 3 * width), i + 3 * width);
        }
        for (; i < lastStart; i += width) target.Store512(source.Invoke512(i), i);
        target.Store512(last, lastStart);
    }

    private static void Run256<TSource, TTarget>(TSource source, TTarget target, nuint count)
        where TSource : ILaneSource, allows ref struct
        where TTarget : ILaneTarget, allows ref struct
    {
        const nuint width = 4;
        nuint lastStart = count - width;
        Vector256<ulong> last = source.Invoke256(lastStart);
        nuint i = 0;
        for (; i + 4 * width <= lastStart; i += 4 * width)
        {
            target.Store256(source.Invoke256(i), i);
            target.Store256(source.Invoke256(i + width), i + width);
            target.Store256(source.Invoke256(i + 2 * width), i + 2 * width);
            target.Store256(source.Invoke256(i + 3 * width), i + 3 * width);
        }
        for (; i < lastStart; i += width) target.Store256(source.Invoke256(i), i);
        target.Store256(last, lastStart);
    }

    private static void Run128<TSource, TTarget>(TSource source, TTarget target, nuint count)
        where TSource : ILaneSource, allows ref struct
        where TTarget : ILaneTarget, allows ref struct
    {
        const nuint width = 2;
        nuint lastStart = count - width;
        Vector128<ulong> last = source.Invoke128(lastStart);
        nuint i = 0;
        for (; i + 4 * width <= lastStart; i += 4 * width)
        {
            target.Store128(source.Invoke128(i), i);
            target.Store128(source.Invoke128(i + width), i + width);
            target.Store128(source.Invoke128(i + 2 * width), i + 2 * width);
            target.Store128(source.Invoke128(i + 3 * width), i + 3 * width);
        }
        for (; i < lastStart; i += width) target.Store128(source.Invoke128(i), i);
        target.Store128(last, lastStart);
    }
}
