namespace Puma.Simd;

/// <summary>
/// A register-tiled inner kernel: adds the product of one packed A micro-panel (Rows × kc) and
/// one packed B micro-panel (kc × Columns) into a Rows × Columns tile of C. Each implementation is
/// a struct so the generic <see cref="GemmDriver{TKernel}"/> is specialised per kernel and the
/// call is inlined; the driver does the blocking, packing, edges and threading once for all.
/// </summary>
internal unsafe interface IGemmMicroKernel
{
    /// <summary>Rows of C per tile (MR); A is packed in panels of this many rows.</summary>
    static abstract int Rows { get; }

    /// <summary>Columns of C per tile (NR); B is packed in panels of this many columns.</summary>
    static abstract int Columns { get; }

    /// <summary>
    /// Whether each packed B row is followed by a copy with its 32-bit halves swapped, which the
    /// 32×32-bit split kernels multiply against A to get both cross terms from one vpmulld.
    /// </summary>
    static abstract bool PacksSwappedB { get; }

    /// <summary>Whether this kernel's instructions exist on the running CPU and runtime.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>
    /// <c>c[r*ldc + j] += Σ_p a[p*Rows + r] · b[p*stride + j]</c> for the whole tile, where the
    /// B row stride is Columns, or 2·Columns when <see cref="PacksSwappedB"/>.
    /// </summary>
    static abstract void Run(nint kc, ulong* a, ulong* b, ulong* c, nint ldc);
}
