using Puma.Protocols.Core;

namespace Puma.Protocols.Functions;

/// <summary>A share times a public integer weight, one term of a local linear combination.</summary>
public readonly record struct LinearTerm(AShare Share, ulong Weight);
