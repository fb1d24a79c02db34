using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Puma.Simd;

/// <summary>
/// 8×16 tile with AVX-512DQ <c>vpmullq</c>, the one instruction that multiplies 64-bit lanes mod
/// 2^64: per vector multiply-add it costs 3 + 1 uops on ports 0/5 (Skylake-X/Cascade Lake), i.e.
/// 2 cycles per 8 multiply-adds. Sixteen zmm accumulators hide its 15-cycle latency.
/// </summary>
internal readonly unsafe struct Avx512MultiplyLowMicroKernel : IGemmMicroKernel
{
    public static int Rows => 8;

    public static int Columns => 16;

    public static bool PacksSwappedB => false;

    public static bool IsSupported => Avx512DQ.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(nint kc, ulong* a, ulong* b, ulong* c, nint ldc)
    {
        Vector512<ulong> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<ulong> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<ulong> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<ulong> c60 = default, c61 = default, c70 = default, c71 = default;
        for (nint p = 0; p < kc; p++)
        {
            Vector512<ulong> b0 = Vector512.LoadAligned(b);
            Vector512<ulong> b1 = Vector512.LoadAligned(b + 8);
            Vector512<ulong> ar = Vector512.Create(a[0]);
            c00 = Avx512F.Add(c00, Avx512DQ.MultiplyLow(ar, b0));
            c01 = Avx512F.Add(c01, Avx512DQ.MultiplyLow(ar, b1));
            ar = Vector512.Create(a[1]);
            c10 = Avx512F.Add(c10, Avx512DQ.MultiplyLow(ar, b0));
            c11 = Avx512F.Add(c11, Avx512DQ.MultiplyLow(ar, b1));
            ar = Vector512.Create(a[2]);
            c20 = Avx512F.Add(c20, Avx512DQ.MultiplyLow(ar, b0));
            c21 = Avx512F.Add(c21, Avx512DQ.MultiplyLow(ar, b1));
            ar = Vector512.Create(a[3]);
            c30 = Avx512F.Add(c30, Avx512DQ.MultiplyLow(ar, b0));
            c31 = Avx512F.Add(c31, Avx512DQ.MultiplyLow(ar, b1));
            ar = Vector512.Create(a[4]);
            c40 = Avx512F.Add(c40, Avx512DQ.MultiplyLow(ar, b0));
            c41 = Avx512F.Add(c41, Avx512DQ.MultiplyLow(ar, b1));
            ar = Vector512.Create(a[5]);
            c50 = Avx512F.Add(c50, Avx512DQ.MultiplyLow(ar, b0));
            c51 = Avx512F.Add(c51, Avx512DQ.MultiplyLow(ar, b1));
            ar = Vector512.Create(a[6]);
            c60 = Avx512F.Add(c60, Avx512DQ.MultiplyLow(ar, b0));
            c61 = Avx512F.Add(c61, Avx512DQ.MultiplyLow(ar, b1));
            ar = Vector512.Create(a[7]);
            c70 = Avx512F.Add(c70, Avx512DQ.MultiplyLow(ar, b0));
            c71 = Avx512F.Add(c71, Avx512DQ.MultiplyLow(ar, b1));
            a += 8;
            b += 16;
        }

        AddRow(c, c00, c01);
        AddRow(c + ldc, c10, c11);
        AddRow(c + 2 * ldc, c20, c21);
        AddRow(c + 3 * ldc, c30, c31);
        AddRow(c + 4 * ldc, c40, c41);
        AddRow(c + 5 * ldc, c50, c51);
        AddRow(c + 6 * ldc, c60, c61);
        AddRow(c + 7 * ldc, c70, c71);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ulong* row, Vector512<ulong> left, Vector512<ulong> right)
    {
        Avx512F.Store(row, Avx512F.Add(Avx512F.LoadVector512(row), left));
        Avx512F.Store(row + 8, Avx512F.Add(Avx512F.LoadVector512(row + 8), right));
    }
}
