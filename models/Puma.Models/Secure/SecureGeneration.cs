using Puma.Protocols.Profiling;

namespace Puma.Models.Secure;

/// <summary>The outcome of <see cref="SecureLlama"/>.Generate.</summary>
/// <param name="GeneratedIds">The tokens the client received, in order.</param>
/// <param name="TokenTimes">
/// Wall time the client waited for each token: the first includes sharing the weights and the
/// whole prompt, each later one is a single forward pass plus the argmax and its reveal.
/// </param>
/// <param name="Profile">Party 0's per-operator calls, time, bytes and rounds over the whole run.</param>
public sealed record SecureGeneration(int[] GeneratedIds, TimeSpan[] TokenTimes, IReadOnlyList<OperatorProfile> Profile);
