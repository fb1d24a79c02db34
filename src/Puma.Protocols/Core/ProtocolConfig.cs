namespace Puma.Protocols.Core;

/// <summary>Settings of a run: every party must use the same ones, except those marked local.</summary>
public sealed record ProtocolConfig
{
    /// <summary>Fixed-point fractional bits f (PUMA: 18).</summary>
    public int FractionalBits { get; init; } = Simd.FixedPoint.DefaultFractionalBits;

    /// <summary>How long a party waits for a peer's message before failing with a timeout. A local setting.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Most threads one party's heavy kernels use: matrix products, the elementwise passes and
    /// AES-CTR fills of long vectors, and the local work of truncation and comparison (see
    /// <see cref="Simd.ParallelChunks"/>); -1 for every core. Results are the same for any value.
    /// Parties that share one machine should divide its cores (<see cref="ThreadsPerParty"/>),
    /// or they oversubscribe it. A local setting.
    /// </summary>
    public int KernelThreads
    {
        get => _kernelThreads;
        init
        {
            if (value is 0 or < -1) throw new ArgumentOutOfRangeException(nameof(KernelThreads), value, "Must be -1 or positive.");
            _kernelThreads = value;
        }
    }

    private readonly int _kernelThreads = -1;

    /// <summary>
    /// Most bytes of the operand sum y_i + y_{i+1} a matrix product forms at once when its right
    /// operand is the smaller one (see <see cref="Arithmetic.MatMulAA.LocalProduct"/>): a long
    /// one-hot input times a 50,257-row table (309 MB) sums and multiplies the table a block of
    /// rows of the inner dimension at a time, so the product's temporaries stay this small
    /// instead of the size of the table. A local setting: the result is the same for any value.
    /// </summary>
    public long ProductBlockBytes
    {
        get => _productBlockBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(ProductBlockBytes));
            _productBlockBytes = value;
        }
    }

    private readonly long _productBlockBytes = 32L << 20;

    /// <summary>
    /// This machine's cores divided among <paramref name="partiesInProcess"/> parties, rounded up
    /// and at least 1: 1 for each of three parties on a 2-core box, every core for a lone party.
    /// </summary>
    public static int ThreadsPerParty(int partiesInProcess)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partiesInProcess);
        return Math.Max(1, (Environment.ProcessorCount + partiesInProcess - 1) / partiesInProcess);
    }

    public static ProtocolConfig Default { get; } = new();
}
