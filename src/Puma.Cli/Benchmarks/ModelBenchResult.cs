using Puma.Protocols.Profiling;

namespace Puma.Cli.Benchmarks;

/// <summary>
/// One <c>puma bench model</c>: a request to a model of a published shape with random weights, run
/// from its party bundles by three parties in this process, timed on each of its runs. Times
/// exclude writing the bundles and loading them (<see cref="SecondsLoad"/> says how long the load
/// took); <see cref="Seconds"/> and the other figures are the median run's.
/// </summary>
/// <param name="Weights">Always "random": the figures are for the shape, not for a trained model.</param>
/// <param name="PeakRssBytesPerParty">Each party's peak native memory: shares, activations, temporaries and regenerated weight components; mapped bundle pages are excluded.</param>
/// <param name="PeakPrivateBytesProcess">This process's peak resident anonymous memory (all three parties, the client and the runtime), or null where /proc is unavailable.</param>
/// <param name="ResidentWeightBytesPerParty">Each party's weight shares kept in memory between requests (part of its peak); its other weights are regenerated on each request.</param>
/// <param name="Operators">Party 0's operator scopes, slowest first.</param>
public sealed record ModelBenchResult(
    string Shape,
    string Family,
    string Weights,
    long Parameters,
    int Tokens,
    int NewTokens,
    string Transport,
    string? Network,
    int Threads,
    double Seconds,
    double[] SecondsRuns,
    double SecondsFirstToken,
    double SecondsLoad,
    long BytesTotal,
    long[] BytesPerParty,
    long Rounds,
    long[] PeakRssBytesPerParty,
    long? PeakPrivateBytesProcess,
    long BundleBytesOnDisk,
    long[] ResidentWeightBytesPerParty,
    IReadOnlyList<OperatorFigures> Operators);
