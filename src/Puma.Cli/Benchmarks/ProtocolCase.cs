using Puma.Protocols.Core;

namespace Puma.Cli.Benchmarks;

/// <summary>
/// A protocol to benchmark: its name, the output elements its per-element figures divide by,
/// its declared cost, and how each party prepares inputs for it.
/// </summary>
/// <param name="MultiplyAdds">Ring multiply-adds of the plaintext operation, for matrix products.</param>
internal sealed record ProtocolCase(string Name, long Elements, ProtocolCost Declared, long? MultiplyAdds, Func<PartyContext, PreparedCall> Prepare);
