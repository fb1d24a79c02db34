using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Puma.Simd;

/// <summary>
/// 2×8 tile for AVX2, which has no 64-bit multiply: the same 32-bit split as
/// <see cref="Avx512SplitMicroKernel"/> (<c>vpmuludq</c> for lo·lo, one <c>vpmulld</c> against the
/// half-swapped B for both cross terms mod 2^32, folded and shifted once at the end). Eight
/// accumulators plus four B vectors stay within the sixteen ymm registers of AVX2-only CPUs.
/// </summary>
internal readonly unsafe struct Avx2SplitMicroKernel : IGemmMicroKernel
{
    public static int Rows => 2;

    public static int Columns => 8;

    public static bool PacksSwappedB => true;

    public static bool IsSupported => Avx2.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(nint kc, ulong* a, ulong* b, ulong* c, nint ldc)
    {
        Vector256<ulong> l00 = default, l01 = default, l10 = default, l11 = default;
        Vector256<uint> x00 = default, x01 = default, x10 = default, x11 = default;
        for (nint p = 0; p < kc; p++)
        {
            Vector256<uint> b0 = Avx.LoadAlignedVector256((uint*)b);
            Vector256<uint> b1 = Avx.LoadAlignedVector256((uint*)(b + 4));
            Vector256<uint> s0 = Avx.LoadAlignedVector256((uint*)(b + 8));
            Vector256<uint> s1 = Avx.LoadAlignedVector256((uint*)(b + 12));
            Vector256<uint> ar = Vector256.Create(a[0]).AsUInt32();
            l00 = Avx2.Add(l00, Avx2.Multiply(ar, b0));
            l01 = Avx2.Add(l01, Avx2.Multiply(ar, b1));
            x00 = Avx2.Add(x00, Avx2.MultiplyLow(ar, s0));
            x01 = Avx2.Add(x01, Avx2.MultiplyLow(ar, s1));
            ar = Vector256.Create(a[1]).AsUInt32();
            l10 = Avx2.Add(l10, Avx2.Multiply(ar, b0));
            l11 = Avx2.Add(l11, Avx2.Multiply(ar, b1));
            x10 = Avx2.Add(x10, Avx2.MultiplyLow(ar, s0));
            x11 = Avx2.Add(x11, Avx2.MultiplyLow(ar, s1));
            a += 2;
            b += 16;
        }

        AddRow(c, l00, x00, l01, x01);
        AddRow(c + ldc, l10, x10, l11, x11);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ulong* row, Vector256<ulong> low0, Vector256<uint> cross0, Vector256<ulong> low1, Vector256<uint> cross1)
    {
        Avx.Store(row, Avx2.Add(Avx.LoadVector256(row), Combine(low0, cross0)));
        Avx.Store(row + 4, Avx2.Add(Avx.LoadVector256(row + 4), Combine(low1, cross1)));
    }

    /// <summary>Folds the two 32-bit partial cross sums of each lane and moves them to the high half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Combine(Vector256<ulong> low, Vector256<uint> cross)
    {
        Vector256<ulong> pairs = cross.AsUInt64();
        Vector256<ulong> folded = Avx2.Add(pairs, Avx2.ShiftRightLogical(pairs, 32));
        return Avx2.Add(low, Avx2.ShiftLeftLogical(folded, 32));
    }
}
