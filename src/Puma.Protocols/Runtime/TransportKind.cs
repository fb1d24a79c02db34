namespace Puma.Protocols.Runtime;

/// <summary>How the parties of a local run are linked.</summary>
public enum TransportKind
{
    /// <summary>In-process channels: the embedded mode.</summary>
    InProcess,

    /// <summary>TCP over loopback, plain.</summary>
    Tcp,

    /// <summary>TCP over loopback with pinned mutual TLS 1.3.</summary>
    TcpTls,
}
