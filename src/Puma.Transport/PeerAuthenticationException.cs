namespace Puma.Transport;

/// <summary>The peer is not who it claims to be: its TLS certificate does not match the pinned one.</summary>
public sealed class PeerAuthenticationException : PumaException
{
    public PeerAuthenticationException(string message) : base(message) { }
    public PeerAuthenticationException(string message, Exception inner) : base(message, inner) { }
}
