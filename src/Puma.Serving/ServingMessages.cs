using Puma.Models.Serving;

namespace Puma.Serving;

/// <summary>
/// The client's envelope to each party: which request, for which model, asking what. With
/// <see cref="OutcomeOnly"/> it asks instead how an earlier request ended at that party.
/// </summary>
internal sealed record ClientEnvelope(string RequestId, ServingIdentity Identity, RequestKind Kind, int[] Lengths, int NewTokens, bool OutcomeOnly = false)
{
    public ModelRequest Request => new(Kind, Lengths, NewTokens);
}

/// <summary>A party's dial to its next party for a request: who it is, and the SHA-256 of the request its client sent it.</summary>
internal sealed record PeerEnvelope(string RequestId, ServingIdentity Identity, string RequestSha256);

/// <summary>A party's answer to an envelope.</summary>
internal sealed record Verdict(VerdictStatus Status, string Message)
{
    public static Verdict Accepted { get; } = new(VerdictStatus.Accepted, "");
}

internal enum VerdictStatus
{
    Accepted,
    Busy,
    Refused,
}
