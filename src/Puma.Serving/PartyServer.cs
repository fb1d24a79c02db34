using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Puma.Models.Serving;
using Puma.Protocols.Core;
using Puma.Simd;
using Puma.Transport;

namespace Puma.Serving;

/// <summary>
/// One party of a deployment: it maps its bundle once (<see cref="PartyModel"/>) and serves
/// requests one at a time, over fresh links per request. The order is party 0's: party 0 queues
/// client requests (bounded; "busy" beyond), and starts each by dialling party 1, which dials
/// party 2, which dials party 0; a party starts a request when its previous party dials it, so all
/// three serve the same sequence without a coordinator. Each dial carries the request id, the
/// dialler's <see cref="ServingIdentity"/> and the SHA-256 of the request its client sent: a
/// difference refuses the request on both sides, naming it. Every request gets a new
/// <see cref="PartyContext"/> (fresh seeds, so no PRG stream is reused); any failure (a peer lost,
/// silent past the timeout, or misbehaving) fails that request only, and the server goes on.
/// Parties 1 and 2 answer their previous party's dial only once they hold their own links, so a
/// refusal anywhere on the ring fails the request on every party at once; and a party whose
/// request fails ends its links with an abort notice naming the cause, so every member names
/// the member that failed.
/// </summary>
public sealed class PartyServer : IAsyncDisposable
{
    /// <summary>How long a client's question about a request's outcome waits for a request still failing.</summary>
    private static readonly TimeSpan OutcomePatience = TimeSpan.FromSeconds(2);

    /// <summary>How long telling a peer why a request failed may take: the link may be the broken one.</summary>
    private static readonly TimeSpan NoticePatience = TimeSpan.FromSeconds(1);

    private readonly PartyServerOptions _options;
    private readonly PartyModel _model;
    private readonly ServingIdentity _identity;
    private readonly TcpPartyListener _listener;
    private readonly Channel<WorkItem> _work;
    private readonly Rendezvous<(IChannel Link, ClientEnvelope Envelope)> _clients;
    private readonly Rendezvous<IChannel> _previous;
    private readonly RequestOutcomes _outcomes = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private readonly Task _serving;
    private List<IChannel> _inFlight = [];
    private long _served;
    private long _failed;

    private PartyServer(PartyServerOptions options, PartyModel model)
    {
        _options = options;
        _model = model;
        _identity = ServingIdentity.Of(model.Manifest);
        if (model.Manifest.Party != options.Id)
            throw new ArgumentException($"The bundle is party {model.Manifest.Party}'s, but this server is party {options.Id}.", nameof(model));
        if (options.Protocol.FractionalBits != model.Manifest.FractionalBits)
            throw new ArgumentException($"The bundle has {model.Manifest.FractionalBits} fractional bits, the protocol config {options.Protocol.FractionalBits}.", nameof(options));
        _work = options.Id == 0
            ? Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait })
            : Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
        _clients = new(options.RendezvousTimeout, parked => parked.Link.Dispose());
        _previous = new(options.RendezvousTimeout, link => link.Dispose());
        _listener = new TcpPartyListener(options.Id, options.Listen, options.Transport);
        _accepting = Task.Run(() => AcceptAsync(_stopping.Token));
        _serving = Task.Factory.StartNew(() => ServeAsync(_stopping.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Starts listening and serving <paramref name="model"/>, which the server owns from then on.</summary>
    public static PartyServer Start(PartyServerOptions options, PartyModel model)
    {
        try
        {
            return new PartyServer(options, model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public int Id => _options.Id;

    public System.Net.IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    /// <summary>Requests waiting behind the one being served.</summary>
    public int Waiting => _work.Reader.Count;

    /// <summary>Requests this party finished, and those that failed.</summary>
    public (long Served, long Failed) Counts => (Interlocked.Read(ref _served), Interlocked.Read(ref _failed));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        // A request in flight blocks in a receive: closing its links ends it at once, as a crash would for the peers.
        lock (_inFlight)
        {
            foreach (var link in _inFlight) link.Dispose();
        }
        _work.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_accepting, _serving).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _model.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException error)
            {
                _options.Logger.LogWarning("Party {Party}: accept failed: {Message}", Id, error.Message);
                continue;
            }
            _ = Task.Run(() => AdmitAsync(socket, stopping), CancellationToken.None);
        }
    }

    /// <summary>Handshake, envelope and verdict of one incoming link: the client's, or the previous party's.</summary>
    private async Task AdmitAsync(Socket socket, CancellationToken stopping)
    {
        IChannel? link = null;
        try
        {
            link = await _listener.HandshakeAsync(socket, expectedParty: null, stopping).ConfigureAwait(false);
            if (link.RemoteParty == MemberNames.Client) await AdmitClientAsync(link, stopping).ConfigureAwait(false);
            else if (link.RemoteParty == Parties.Prev(Id)) await AdmitPreviousAsync(link, stopping).ConfigureAwait(false);
            else throw new ProtocolMismatchException($"Party {Id}: party {link.RemoteParty} dialled, but only party {Parties.Prev(Id)} and the client do.");
            link = null;
        }
        catch (Exception error) when (!stopping.IsCancellationRequested)
        {
            _options.Logger.LogWarning("Party {Party}: refused a connection: {Message}", Id, error.Message);
        }
        finally
        {
            link?.Dispose();
        }
    }

    private async Task AdmitClientAsync(IChannel link, CancellationToken stopping)
    {
        var envelope = await ControlFrames.ReceiveAsync<ClientEnvelope>(link, "request", stopping).ConfigureAwait(false);
        if (envelope.OutcomeOnly)
        {
            var outcome = await _outcomes.AwaitAsync(envelope.RequestId, OutcomePatience, stopping).ConfigureAwait(false);
            await ControlFrames.SendAsync(link, new Verdict(VerdictStatus.Accepted, outcome), stopping).ConfigureAwait(false);
            return;
        }
        if (_identity.Difference(envelope.Identity) is { } difference)
        {
            await RefuseAsync(link, $"party {Id} serves another model or version than the client's ({difference})", stopping).ConfigureAwait(false);
            throw new ProtocolMismatchException($"Party {Id}: the client's request {envelope.RequestId} is for another model or version ({difference}).");
        }
        if (Id != 0)
        {
            await ControlFrames.SendAsync(link, Verdict.Accepted, stopping).ConfigureAwait(false);
            _clients.Offer(envelope.RequestId, (link, envelope));
            return;
        }
        if (!_work.Writer.TryWrite(new WorkItem(envelope.RequestId, envelope, link, null, RequestHash(envelope))))
        {
            await ControlFrames.SendAsync(link, new Verdict(VerdictStatus.Busy, $"party 0 is busy: {_options.QueueCapacity} requests are waiting"), stopping).ConfigureAwait(false);
            throw new InvalidOperationException($"Party 0: request {envelope.RequestId} answered busy ({_options.QueueCapacity} waiting).");
        }
        await ControlFrames.SendAsync(link, Verdict.Accepted, stopping).ConfigureAwait(false);
    }

    private async Task AdmitPreviousAsync(IChannel link, CancellationToken stopping)
    {
        var envelope = await ControlFrames.ReceiveAsync<PeerEnvelope>(link, "request start", stopping).ConfigureAwait(false);
        if (_identity.Difference(envelope.Identity) is { } difference)
        {
            await RefuseAsync(link, $"party {Id} refuses party {link.RemoteParty}: {difference}", stopping).ConfigureAwait(false);
            throw new ProtocolMismatchException($"Party {Id}: party {link.RemoteParty} runs another model or version ({difference}).");
        }
        if (Id == 0)
        {
            await ControlFrames.SendAsync(link, Verdict.Accepted, stopping).ConfigureAwait(false);
            _previous.Offer(envelope.RequestId, link);
        }
        else
        {
            // Answered once this party has its own links for the request (ServeOneAsync), so a
            // refusal further along the ring reaches party 0 at once instead of after its rendezvous timeout.
            await _work.Writer.WriteAsync(new WorkItem(envelope.RequestId, null, null, link, envelope.RequestSha256), stopping).ConfigureAwait(false);
        }
    }

    private static Task RefuseAsync(IChannel link, string message, CancellationToken stopping)
        => ControlFrames.SendAsync(link, new Verdict(VerdictStatus.Refused, message), stopping);

    private async Task ServeAsync(CancellationToken stopping)
    {
        await foreach (var item in _work.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
        {
            var links = new List<IChannel>();
            lock (_inFlight) _inFlight = links;
            if (item.Client is not null) Track(links, item.Client);
            if (item.Previous is not null) Track(links, item.Previous);
            try
            {
                await ServeOneAsync(item, links, stopping).ConfigureAwait(false);
                Interlocked.Increment(ref _served);
                _outcomes.Record(item.RequestId, "served");
            }
            catch (Exception error)
            {
                if (!stopping.IsCancellationRequested) await NotifyAbortAsync(links, error.Message).ConfigureAwait(false);
                Interlocked.Increment(ref _failed);
                _outcomes.Record(item.RequestId, $"failed: {error.Message}");
                if (stopping.IsCancellationRequested) _options.Logger.LogWarning("Party {Party}: request {Request} stopped with the server.", Id, item.RequestId);
                else _options.Logger.LogError("Party {Party}: request {Request} failed: {Message}", Id, item.RequestId, error.Message);
            }
            finally
            {
                lock (_inFlight)
                {
                    foreach (var link in links) link.Dispose();
                }
                // Between requests, so the next one starts from the memory the server holds for good.
                ReleaseRequestMemory();
            }
        }
    }

    /// <summary>
    /// Hands back the memory of the request just served. A request's managed objects (its links
    /// and TLS streams, messages, context) live as long as the request, so the collections during
    /// it promote them to gen2, where they die; gen2 collections are rare (2 in 300 stories260k
    /// requests), and the GC kept committing memory for that dead gen2: its committed bytes went
    /// from 19 to 28 MB over 300 requests while 1 to 4 MB was live, and that was the party's RSS
    /// growth. A full collection that also decommits (aggressive) holds the committed heap at the
    /// live set (1.2 to 1.3 MB over 250 requests) for 5 to 15 ms a request. Then the native side:
    /// the pooled blocks and the C heap's free pages (<see cref="NativeHeap.Trim"/>).
    /// </summary>
    private static void ReleaseRequestMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
    }

    /// <summary>Adds a link of the request in flight, or closes it at once if the server is stopping.</summary>
    private void Track(List<IChannel> links, IChannel link)
    {
        lock (_inFlight)
        {
            links.Add(link);
            if (_stopping.IsCancellationRequested) link.Dispose();
        }
    }

    private async Task ServeOneAsync(WorkItem item, List<IChannel> links, CancellationToken stopping)
    {
        var clock = Stopwatch.StartNew();
        var (client, envelope, next) = await JoinAsync(item, links, stopping).ConfigureAwait(false);
        var previous = item.Previous ?? await _previous.TakeAsync(item.RequestId, $"Party {Id}: party {Parties.Prev(Id)}'s link", stopping).ConfigureAwait(false);
        if (item.Previous is null) Track(links, previous);
        var (shapedNext, shapedPrevious, shapedClient) = (Shape(next), Shape(previous), Shape(client));
        long before = shapedNext.Counters.BytesSent + shapedPrevious.Counters.BytesSent + shapedClient.Counters.BytesSent;
        // The protocol blocks on its receives: it runs on a thread of its own, never on a socket
        // completion's thread (puma completes socket operations inline on the epoll thread).
        var (bytes, rounds) = await Task.Factory.StartNew(() =>
        {
            using var context = PartyContext.Create(Id, shapedNext, shapedPrevious, shapedClient, _options.Protocol);
            try
            {
                _model.Serve(context, envelope.Request);
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                // Disposing the context closes its links: the notice naming who failed goes first.
                NotifyAbortAsync(links, error.Message).GetAwaiter().GetResult();
                throw;
            }
            _options.AfterRequest?.Invoke(context, clock.Elapsed);
            return (context.Net.BytesSent - before, context.Net.Rounds);
        }, stopping, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        _options.Logger.LogInformation(
            "Party {Party}: request {Request}: {Family} {Kind}, {Tokens} tokens in, {NewTokens} new, {Seconds:F2} s, {Bytes} bytes sent, {Rounds} rounds",
            Id, item.RequestId, _identity.Family, envelope.Kind, envelope.Lengths.Sum(), envelope.NewTokens, clock.Elapsed.TotalSeconds, bytes, rounds);
    }

    /// <summary>
    /// This party's links for a request besides the previous party's: the client's and the next
    /// party's. Parties 1 and 2 then answer the previous party's dial: accepted, or refused with
    /// the reason this party could not join (which a refusal further along the ring already names).
    /// </summary>
    private async Task<(IChannel Client, ClientEnvelope Envelope, IChannel Next)> JoinAsync(WorkItem item, List<IChannel> links, CancellationToken stopping)
    {
        try
        {
            var (client, envelope) = item.Client is not null
                ? (item.Client, item.Envelope!)
                : await _clients.TakeAsync(item.RequestId, $"Party {Id}: the client's link", stopping).ConfigureAwait(false);
            if (item.Client is null) Track(links, client);
            if (RequestHash(envelope) != item.RequestSha256)
                throw new ProtocolMismatchException($"Party {Id}: the client sent party {Parties.Prev(Id)} and party {Id} different requests for {item.RequestId}.");
            var next = await DialNextAsync(item.RequestId, item.RequestSha256, stopping).ConfigureAwait(false);
            Track(links, next);
            if (item.Previous is not null) await ControlFrames.SendAsync(item.Previous, Verdict.Accepted, stopping).ConfigureAwait(false);
            return (client, envelope, next);
        }
        catch (Exception error) when (item.Previous is not null && error is PumaException or IOException)
        {
            await TryRefuseAsync(item.Previous, error.Message).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task TryRefuseAsync(IChannel link, string message)
    {
        using var patience = new CancellationTokenSource(NoticePatience);
        try
        {
            await RefuseAsync(link, message, patience.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is PumaException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // The previous party is gone or stuck: it learns of the failure when the link closes.
        }
    }

    /// <summary>
    /// Ends every link of a failed request with an abort notice naming the failure, so the
    /// members still waiting on this party report the member that failed (as this party's error
    /// names it) rather than this party closing on them.
    /// </summary>
    private static Task NotifyAbortAsync(List<IChannel> links, string reason)
    {
        IChannel[] open;
        lock (links) open = [.. links];
        return Task.WhenAll(open.OfType<TcpChannel>().Select(link => link.TrySendAbortAsync(reason, NoticePatience)));
    }

    /// <summary>The link as the protocol sees it: through the emulated network when one is set (closing it closes the link).</summary>
    private IChannel Shape(IChannel link) => _options.Network is { } network ? new ShapedChannel(link, network) : link;

    private async Task<IChannel> DialNextAsync(string requestId, string requestSha256, CancellationToken stopping)
    {
        var next = Parties.Next(Id);
        var link = await TcpChannel.ConnectAsync(Id, next, _options.Parties[next], _options.Transport, stopping).ConfigureAwait(false);
        try
        {
            await ControlFrames.SendAsync(link, new PeerEnvelope(requestId, _identity, requestSha256), stopping).ConfigureAwait(false);
            var verdict = await ControlFrames.ReceiveAsync<Verdict>(link, "verdict", stopping).ConfigureAwait(false);
            if (verdict.Status != VerdictStatus.Accepted) throw new ProtocolMismatchException($"Party {Id}: party {next} refused request {requestId}: {verdict.Message}");
            return link;
        }
        catch
        {
            link.Dispose();
            throw;
        }
    }

    private static string RequestHash(ClientEnvelope envelope)
        => Convert.ToHexStringLower(SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes(envelope.RequestId), .. envelope.Request.ToUtf8()]));

    private sealed record WorkItem(string RequestId, ClientEnvelope? Envelope, IChannel? Client, IChannel? Previous, string RequestSha256);
}
