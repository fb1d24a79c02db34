using System.Numerics;
using System.Runtime.CompilerServices;

namespace Puma.Simd;

/// <summary>
/// Copies a block of a strided matrix into the contiguous panel layout the micro-kernels stream:
/// the block's <c>extent</c> lines (rows of op(A) or columns of op(B)) are cut into panels of
/// <c>width</c> lines, and each panel stores, for every step p of the shared dimension, its
/// <c>width</c> values side by side. Lines past the block's end are zero, so edge tiles run the same
/// kernel and add nothing. Packing is also what makes the four transpose variants one kernel.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Values one packed panel occupies: width per step, twice that with the swapped copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint PanelLength(int width, int depth, bool withSwappedCopy) =>
        (nint)width * depth * (withSwappedCopy ? 2 : 1);

    /// <param name="source">Element (line 0, step 0) of the block.</param>
    /// <param name="lineStride">Distance between consecutive lines (i of A, j of B).</param>
    /// <param name="stepStride">Distance between consecutive steps p of the shared dimension.</param>
    /// <param name="extent">Lines in the block.</param>
    /// <param name="depth">Steps in the block (kc).</param>
    /// <param name="width">Lines per panel (the kernel's Rows for A, Columns for B).</param>
    /// <param name="withSwappedCopy">Append, after each step's values, the same values with their
    /// 32-bit halves swapped (for the split kernels' cross terms).</param>
    /// <param name="destination">Panel buffer of at least ⌈extent/width⌉ panels.</param>
    public static void Pack(
        ulong* source, nint lineStride, nint stepStride, int extent, int depth, int width,
        bool withSwappedCopy, ulong* destination)
    {
        if (lineStride == 1 && !withSwappedCopy)
            PackContiguousLines(source, stepStride, extent, depth, width, destination);
        else
            PackPanelByPanel(source, lineStride, stepStride, extent, depth, width, withSwappedCopy, destination);
    }

    /// <summary>
    /// Lines adjacent in memory (B as stored, or A transposed): each step's values for all panels
    /// form one contiguous run, so it is read in that order and scattered to the panels. Walking a
    /// panel's steps instead jumps a whole row per step, which defeats the hardware prefetcher: on
    /// a weight matrix that is not in cache (each layer's weights are read once per forward) that
    /// made packing cost twice the multiply.
    /// </summary>
    private static void PackContiguousLines(ulong* source, nint stepStride, int extent, int depth, int width, ulong* destination)
    {
        nint panelLength = PanelLength(width, depth, false);
        int fullPanels = extent / width;
        int tail = extent - fullPanels * width;
        for (int p = 0; p < depth; p++)
        {
            ulong* stepSource = source + p * stepStride;
            ulong* stepDestination = destination + (nint)p * width;
            for (int panel = 0; panel < fullPanels; panel++)
                new ReadOnlySpan<ulong>(stepSource + panel * width, width)
                    .CopyTo(new Span<ulong>(stepDestination + panel * panelLength, width));
            if (tail == 0) continue;
            ulong* tailDestination = stepDestination + fullPanels * panelLength;
            new ReadOnlySpan<ulong>(stepSource + fullPanels * width, tail).CopyTo(new Span<ulong>(tailDestination, tail));
            new Span<ulong>(tailDestination + tail, width - tail).Clear();
        }
    }

    private static void PackPanelByPanel(
        ulong* source, nint lineStride, nint stepStride, int extent, int depth, int width,
        bool withSwappedCopy, ulong* destination)
    {
        for (int first = 0; first < extent; first += width)
        {
            int lines = Math.Min(width, extent - first);
            ulong* panelSource = source + first * lineStride;
            for (int p = 0; p < depth; p++)
            {
                ulong* stepSource = panelSource + p * stepStride;
                if (lineStride == 1)
                    new ReadOnlySpan<ulong>(stepSource, lines).CopyTo(new Span<ulong>(destination, lines));
                else
                    for (int line = 0; line < lines; line++) destination[line] = stepSource[line * lineStride];
                new Span<ulong>(destination + lines, width - lines).Clear();
                if (withSwappedCopy)
                {
                    for (int line = 0; line < width; line++)
                        destination[width + line] = BitOperations.RotateRight(destination[line], 32);
                    destination += width;
                }

                destination += width;
            }
        }
    }
}
