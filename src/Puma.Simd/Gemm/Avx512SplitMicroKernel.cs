using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Puma.Simd;

/// <summary>
/// 4×16 tile that avoids <c>vpmullq</c> by splitting each product into 32-bit halves:
/// <c>a·b mod 2^64 = lo(a)·lo(b) + ((hi(a)·lo(b) + lo(a)·hi(b)) mod 2^32) · 2^32</c>.
/// <c>vpmuludq</c> gives the first term into a 64-bit accumulator; one <c>vpmulld</c> of A against
/// the half-swapped copy of B that packing stores gives both cross terms mod 2^32, summed in a
/// second accumulator with 32-bit lane adds. Because everything is modular the halves are folded
/// and shifted only once, at the end: 5 uops per vector multiply-add against 4 for vpmullq.
/// </summary>
internal readonly unsafe struct Avx512SplitMicroKernel : IGemmMicroKernel
{
    public static int Rows => 4;

    public static int Columns => 16;

    public static bool PacksSwappedB => true;

    public static bool IsSupported => Avx512F.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(nint kc, ulong* a, ulong* b, ulong* c, nint ldc)
    {
        Vector512<ulong> l00 = default, l01 = default, l10 = default, l11 = default;
        Vector512<ulong> l20 = default, l21 = default, l30 = default, l31 = default;
        Vector512<uint> x00 = default, x01 = default, x10 = default, x11 = default;
        Vector512<uint> x20 = default, x21 = default, x30 = default, x31 = default;
        for (nint p = 0; p < kc; p++)
        {
            Vector512<uint> b0 = Avx512F.LoadAlignedVector512((uint*)b);
            Vector512<uint> b1 = Avx512F.LoadAlignedVector512((uint*)(b + 8));
            Vector512<uint> s0 = Avx512F.LoadAlignedVector512((uint*)(b + 16));
            Vector512<uint> s1 = Avx512F.LoadAlignedVector512((uint*)(b + 24));
            Vector512<uint> ar = Vector512.Create(a[0]).AsUInt32();
            l00 = Avx512F.Add(l00, Avx512F.Multiply(ar, b0));
            l01 = Avx512F.Add(l01, Avx512F.Multiply(ar, b1));
            x00 = Avx512F.Add(x00, Avx512F.MultiplyLow(ar, s0));
            x01 = Avx512F.Add(x01, Avx512F.MultiplyLow(ar, s1));
            ar = Vector512.Create(a[1]).AsUInt32();
            l10 = Avx512F.Add(l10, Avx512F.Multiply(ar, b0));
            l11 = Avx512F.Add(l11, Avx512F.Multiply(ar, b1));
            x10 = Avx512F.Add(x10, Avx512F.MultiplyLow(ar, s0));
            x11 = Avx512F.Add(x11, Avx512F.MultiplyLow(ar, s1));
            ar = Vector512.Create(a[2]).AsUInt32();
            l20 = Avx512F.Add(l20, Avx512F.Multiply(ar, b0));
            l21 = Avx512F.Add(l21, Avx512F.Multiply(ar, b1));
            x20 = Avx512F.Add(x20, Avx512F.MultiplyLow(ar, s0));
            x21 = Avx512F.Add(x21, Avx512F.MultiplyLow(ar, s1));
            ar = Vector512.Create(a[3]).AsUInt32();
            l30 = Avx512F.Add(l30, Avx512F.Multiply(ar, b0));
            l31 = Avx512F.Add(l31, Avx512F.Multiply(ar, b1));
            x30 = Avx512F.Add(x30, Avx512F.MultiplyLow(ar, s0));
            x31 = Avx512F.Add(x31, Avx512F.MultiplyLow(ar, s1));
            a += 4;
            b += 32;
        }

        AddRow(c, l00, x00, l01, x01);
        AddRow(c + ldc, l10, x10, l11, x11);
        AddRow(c + 2 * ldc, l20, x20, l21, x21);
        AddRow(c + 3 * ldc, l30, x30, l31, x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ulong* row, Vector512<ulong> low0, Vector512<uint> cross0, Vector512<ulong> low1, Vector512<uint> cross1)
    {
        Avx512F.Store(row, Avx512F.Add(Avx512F.LoadVector512(row), Combine(low0, cross0)));
        Avx512F.Store(row + 8, Avx512F.Add(Avx512F.LoadVector512(row + 8), Combine(low1, cross1)));
    }

    /// <summary>
    /// Each 64-bit lane of <paramref name="cross"/> holds two partial sums mod 2^32; their sum,
    /// moved to the high half, completes the product.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Combine(Vector512<ulong> low, Vector512<uint> cross)
    {
        Vector512<ulong> pairs = cross.AsUInt64();
        Vector512<ulong> folded = Avx512F.Add(pairs, Avx512F.ShiftRightLogical(pairs, 32));
        return Avx512F.Add(low, Avx512F.ShiftLeftLogical(folded, 32));
    }
}
