namespace Puma.Protocols.Net;

/// <summary>Which link of a party a message travels on.</summary>
public enum Peer
{
    /// <summary>The link to next(i) = i+1 mod 3.</summary>
    Next,

    /// <summary>The link to prev(i) = i-1 mod 3.</summary>
    Prev,

    /// <summary>The link to the party outside the ring (the client or model owner), if any.</summary>
    Outside,
}
