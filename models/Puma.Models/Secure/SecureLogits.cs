using Puma.Protocols.Profiling;

namespace Puma.Models.Secure;

/// <summary>What the client of a secure GPT-2 or BERT run received, and what the run cost.</summary>
/// <param name="Rows">The client's outputs, one row per position (GPT-2) or per text (BERT).</param>
/// <param name="Profile">Party 0's per-operator calls, time, bytes and rounds over the whole run (sharing the weights included).</param>
/// <param name="Elapsed">Wall time of the whole run as the client saw it.</param>
/// <param name="BytesSentByParty0">Payload bytes party 0 sent over the run, to its peers and to the client.</param>
public sealed record SecureLogits(double[][] Rows, IReadOnlyList<OperatorProfile> Profile, TimeSpan Elapsed, long BytesSentByParty0);
