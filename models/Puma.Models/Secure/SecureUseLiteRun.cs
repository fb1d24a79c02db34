using Puma.Protocols.Profiling;

namespace Puma.Models.Secure;

/// <summary>
/// What the client of <see cref="SecureUseLite.Embed"/> learns (the embeddings) and what the run
/// cost: per sentence party 0's wall time from receiving the client's input to revealing the output, the payload bytes
/// all three parties sent and the rounds party 0 went through for it; once per run the bytes of
/// dealing the weights; party 0's per-operator profile of the whole run.
/// </summary>
public sealed record SecureUseLiteRun(
    double[][] Embeddings,
    TimeSpan[] Times,
    long[] BytesSent,
    long[] Rounds,
    long WeightSharingBytes,
    IReadOnlyList<OperatorProfile> Profile);
