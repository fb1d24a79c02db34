using System.Runtime.CompilerServices;

namespace Puma.Simd;

/// <summary>
/// Portable 2×4 tile: eight scalar accumulators fit the sixteen general registers of x64 and
/// ARM64 with room for the pointers, so the loop does not spill. Used when no SIMD path applies.
/// </summary>
internal readonly unsafe struct ScalarMicroKernel : IGemmMicroKernel
{
    public static int Rows => 2;

    public static int Columns => 4;

    public static bool PacksSwappedB => false;

    public static bool IsSupported => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(nint kc, ulong* a, ulong* b, ulong* c, nint ldc)
    {
        ulong c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        ulong c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        for (nint p = 0; p < kc; p++)
        {
            ulong a0 = a[0], a1 = a[1];
            ulong b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            a += 2;
            b += 4;
        }

        c[0] += c00; c[1] += c01; c[2] += c02; c[3] += c03;
        c += ldc;
        c[0] += c10; c[1] += c11; c[2] += c12; c[3] += c13;
    }
}
