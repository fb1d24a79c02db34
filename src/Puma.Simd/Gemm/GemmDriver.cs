using System.Runtime.InteropServices;

namespace Puma.Simd;

/// <summary>
/// Goto/BLIS-style blocked product around one micro-kernel: for each block of C's columns (NC)
/// and of the shared dimension (KC) B is packed once, then for each block of C's rows (MC) A is
/// packed, and the kernel sweeps the Rows × Columns tiles with the B micro-panel hot in L1/L2 and
/// the A block in L2. The multiply dominates (≥ 2 cycles per 8 multiply-adds), so the blocks are
/// sized for scratch of a few MiB rather than tuned to the last byte of cache.
/// </summary>
internal static unsafe class GemmDriver<TKernel> where TKernel : struct, IGemmMicroKernel
{
    /// <summary>KC: steps of the shared dimension per packed block.</summary>
    private const int DepthBlock = 256;

    /// <summary>MC: rows of C per packed A block (a multiple of every kernel's Rows).</summary>
    private const int RowBlock = 128;

    /// <summary>NC: columns of C per packed B block (a multiple of every kernel's Columns).</summary>
    private const int ColumnBlock = 1024;

    /// <summary>
    /// Splits C over <paramref name="workers"/> threads along its longer side in whole tiles (so
    /// the duplicated packing is of the smaller operand) and runs each part.
    /// </summary>
    public static void Run(GemmOperands operands, int workers)
    {
        bool splitColumns = operands.N >= operands.M;
        int unit = splitColumns ? TKernel.Columns : TKernel.Rows;
        int extent = splitColumns ? operands.N : operands.M;
        int units = (extent + unit - 1) / unit;
        workers = Math.Min(workers, units);
        if (workers <= 1)
        {
            RunRegion(operands, 0, operands.M, 0, operands.N);
            return;
        }

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            int start = (int)((long)units * worker / workers) * unit;
            int end = Math.Min(extent, (int)((long)units * (worker + 1) / workers) * unit);
            if (splitColumns) RunRegion(operands, 0, operands.M, start, end);
            else RunRegion(operands, start, end, 0, operands.N);
        });
    }

    private static void RunRegion(GemmOperands o, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        int rows = rowEnd - rowStart;
        int columns = columnEnd - columnStart;
        if (!o.Accumulate)
            for (int i = rowStart; i < rowEnd; i++) new Span<ulong>(o.C + (nint)i * o.N + columnStart, columns).Clear();
        if (o.K == 0 || rows == 0 || columns == 0) return;

        int depthBlock = Math.Min(o.K, DepthBlock);
        nint aLength = GemmPacking.PanelLength(RoundUp(Math.Min(rows, RowBlock), TKernel.Rows), depthBlock, false);
        nint bLength = GemmPacking.PanelLength(RoundUp(Math.Min(columns, ColumnBlock), TKernel.Columns), depthBlock, TKernel.PacksSwappedB);
        ulong* aPack = (ulong*)NativeMemory.AlignedAlloc((nuint)aLength * sizeof(ulong), NativeArray.Alignment);
        ulong* bPack = (ulong*)NativeMemory.AlignedAlloc((nuint)bLength * sizeof(ulong), NativeArray.Alignment);
        try
        {
            for (int jc = columnStart; jc < columnEnd; jc += ColumnBlock)
            {
                int nc = Math.Min(ColumnBlock, columnEnd - jc);
                for (int pc = 0; pc < o.K; pc += DepthBlock)
                {
                    int kc = Math.Min(DepthBlock, o.K - pc);
                    GemmPacking.Pack(o.B + pc * o.BRowStride + jc * o.BColumnStride, o.BColumnStride, o.BRowStride,
                        nc, kc, TKernel.Columns, TKernel.PacksSwappedB, bPack);
                    for (int ic = rowStart; ic < rowEnd; ic += RowBlock)
                    {
                        int mc = Math.Min(RowBlock, rowEnd - ic);
                        GemmPacking.Pack(o.A + ic * o.ARowStride + pc * o.AColumnStride, o.ARowStride, o.AColumnStride,
                            mc, kc, TKernel.Rows, false, aPack);
                        MultiplyPackedBlocks(kc, aPack, bPack, mc, nc, o.C + (nint)ic * o.N + jc, o.N);
                    }
                }
            }
        }
        finally
        {
            NativeMemory.AlignedFree(aPack);
            NativeMemory.AlignedFree(bPack);
        }
    }

    /// <summary>
    /// Adds packed A (mc × kc) times packed B (kc × nc) into C. Whole tiles go straight to C; edge
    /// tiles are computed into a zeroed scratch tile and only their valid part is added.
    /// </summary>
    private static void MultiplyPackedBlocks(int kc, ulong* aPack, ulong* bPack, int mc, int nc, ulong* c, nint ldc)
    {
        int tileRows = TKernel.Rows;
        int tileColumns = TKernel.Columns;
        nint bPanelLength = GemmPacking.PanelLength(tileColumns, kc, TKernel.PacksSwappedB);
        ulong* edgeTile = stackalloc ulong[tileRows * tileColumns];
        for (int jr = 0; jr < nc; jr += tileColumns)
        {
            ulong* bPanel = bPack + jr / tileColumns * bPanelLength;
            int columns = Math.Min(tileColumns, nc - jr);
            for (int ir = 0; ir < mc; ir += tileRows)
            {
                ulong* aPanel = aPack + (nint)ir * kc;
                int rows = Math.Min(tileRows, mc - ir);
                ulong* cTile = c + ir * ldc + jr;
                if (rows == tileRows && columns == tileColumns)
                {
                    TKernel.Run(kc, aPanel, bPanel, cTile, ldc);
                    continue;
                }

                new Span<ulong>(edgeTile, tileRows * tileColumns).Clear();
                TKernel.Run(kc, aPanel, bPanel, edgeTile, tileColumns);
                for (int r = 0; r < rows; r++)
                    for (int j = 0; j < columns; j++) cTile[r * ldc + j] += edgeTile[r * tileColumns + j];
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
