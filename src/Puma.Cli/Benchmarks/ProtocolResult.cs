namespace Puma.Cli.Benchmarks;

/// <summary>
/// One protocol's measured speed and cost next to its declared cost. Bytes are payload bytes
/// sent by the three parties together / 3 / <see cref="N"/>; rounds are per call.
/// </summary>
/// <param name="N">Output elements (words for AND).</param>
/// <param name="PerSecond">Output elements per second of median time at party 0.</param>
/// <param name="MultiplyAddsPerSecond">For matrix products: plaintext multiply-adds per second.</param>
/// <param name="Network">The emulated network (<c>--net</c>), if any.</param>
internal sealed record ProtocolResult(
    string Name,
    long N,
    string Transport,
    double Seconds,
    double PerSecond,
    double BytesPerElementPerParty,
    long Rounds,
    double DeclaredBytesPerElementPerParty,
    long DeclaredRounds,
    double? MultiplyAddsPerSecond = null,
    string? Network = null);
