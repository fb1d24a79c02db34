using Puma.Protocols.Profiling;

namespace Puma.Cli.Demo;

/// <summary>
/// What the demo's client learned (secure results) next to what it would compute in the clear,
/// and what each party's profiler recorded.
/// </summary>
/// <param name="X">The client's first vector, as encoded in fixed point and decoded back.</param>
/// <param name="ClientSeconds">The client's wall time from sharing its inputs to holding the results.</param>
/// <param name="Profiles">Per party (index = party id), its operators in first-use order.</param>
internal sealed record DemoResult(
    double[] X,
    double[] Y,
    double[] PlainProduct,
    double[] SecureProduct,
    double PlainDot,
    double SecureDot,
    int FractionalBits,
    double ClientSeconds,
    IReadOnlyList<IReadOnlyList<OperatorProfile>> Profiles)
{
    /// <summary>Largest difference between a secure result and its plaintext counterpart.</summary>
    public double MaxError => PlainProduct.Zip(SecureProduct, (p, s) => Math.Abs(p - s)).Append(Math.Abs(PlainDot - SecureDot)).Max();

    /// <summary>One unit in the last place of the fixed-point encoding.</summary>
    public double Ulp => Math.ScaleB(1.0, -FractionalBits);
}
