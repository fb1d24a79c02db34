namespace Puma.Transport.Tests;

public sealed class TlsChannelTests : ChannelContractTests
{
    protected override async Task<(IChannel A, IChannel B)> CreatePairAsync(TimeSpan timeout)
    {
        var (listening, connecting) = await TcpPairs.ConnectAsync(
            PartyCertificates.OptionsFor(TcpPairs.Listener) with { ReceiveTimeout = timeout },
            PartyCertificates.OptionsFor(TcpPairs.Connector) with { ReceiveTimeout = timeout });
        return (listening, connecting);
    }

    [Fact]
    public async Task Channels_AreEncrypted()
    {
        var (listening, connecting) = await TcpPairs.ConnectAsync(
            PartyCertificates.OptionsFor(TcpPairs.Listener), PartyCertificates.OptionsFor(TcpPairs.Connector));
        using var _ = listening;
        using var __ = connecting;

        Assert.True(listening.IsTls && connecting.IsTls);
        Assert.Equal(TcpPairs.Connector, listening.RemoteParty);
    }

    [Fact]
    public async Task Connector_PinningAnotherCertificate_RejectsListenerNamingIt()
    {
        var thumbprints = PartyCertificates.Thumbprints();
        thumbprints[TcpPairs.Listener] = thumbprints[2];
        var connectorOptions = new TransportOptions
        {
            Tls = new TlsOptions { LocalCertificate = PartyCertificates.All[TcpPairs.Connector], PeerThumbprints = thumbprints },
        };

        var (listenerError, connectorError) = await TcpPairs.FailingHandshakeAsync(
            PartyCertificates.OptionsFor(TcpPairs.Listener), TcpPairs.Connector, connectorOptions, TcpPairs.Connector, TcpPairs.Listener);

        var error = Assert.IsType<PeerAuthenticationException>(connectorError);
        Assert.Contains($"party {TcpPairs.Listener}", error.Message);
        Assert.Contains(thumbprints[2], error.Message);
        Assert.IsAssignableFrom<PumaException>(listenerError);
    }

    [Fact]
    public async Task Listener_PinningAnotherCertificate_RejectsConnectorNamingIt()
    {
        var thumbprints = PartyCertificates.Thumbprints();
        thumbprints[TcpPairs.Connector] = thumbprints[2];
        var listenerOptions = new TransportOptions
        {
            Tls = new TlsOptions { LocalCertificate = PartyCertificates.All[TcpPairs.Listener], PeerThumbprints = thumbprints },
        };

        var (listenerError, connectorError) = await TcpPairs.FailingHandshakeAsync(
            listenerOptions, TcpPairs.Connector, PartyCertificates.OptionsFor(TcpPairs.Connector), TcpPairs.Connector, TcpPairs.Listener);

        var error = Assert.IsType<PeerAuthenticationException>(listenerError);
        Assert.Contains($"party {TcpPairs.Connector}", error.Message);
        Assert.IsAssignableFrom<PumaException>(connectorError);
    }

    [Fact]
    public async Task Connector_ClaimingAnotherPartysId_IsRejectedByItsCertificate()
    {
        // Party 2's certificate is pinned, but party 2 claims to be party 1.
        var (listenerError, connectorError) = await TcpPairs.FailingHandshakeAsync(
            PartyCertificates.OptionsFor(TcpPairs.Listener), expectedParty: null, PartyCertificates.OptionsFor(2), claimedParty: TcpPairs.Connector, TcpPairs.Listener);

        var error = Assert.IsType<PeerAuthenticationException>(listenerError);
        Assert.Contains("claims to be party 1", error.Message);
        Assert.Contains("pinned for party 2", error.Message);
        Assert.IsType<PeerAuthenticationException>(connectorError);
    }

    [Fact]
    public void Certificate_SurvivesPfxRoundTripWithItsKey()
    {
        var original = PartyCertificates.All[0];

        using var imported = SelfSignedCertificate.ImportPfx(SelfSignedCertificate.ExportPfx(original, "secret"), "secret");

        Assert.True(imported.HasPrivateKey);
        Assert.Equal(SelfSignedCertificate.Sha256Thumbprint(original), SelfSignedCertificate.Sha256Thumbprint(imported));
        Assert.Equal(64, SelfSignedCertificate.Sha256Thumbprint(imported).Length);
    }
}
