namespace Puma.Transport;

/// <summary>Base of every failure Puma reports on purpose; messages name the party and operation.</summary>
public class PumaException : Exception
{
    public PumaException(string message) : base(message) { }
    public PumaException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The peer closed the link or its process died.</summary>
public sealed class PeerLostException : PumaException
{
    public PeerLostException(string message) : base(message) { }
    public PeerLostException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The peer did not answer within the configured time.</summary>
public sealed class PeerTimeoutException : PumaException
{
    public PeerTimeoutException(string message) : base(message) { }
    public PeerTimeoutException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The peer sent something the protocol did not expect (wrong size, wrong handshake).</summary>
public sealed class ProtocolMismatchException : PumaException
{
    public ProtocolMismatchException(string message) : base(message) { }
}
