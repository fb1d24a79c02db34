using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using Puma.Models.Serving;
using Puma.Models.Tokenizers;
using Puma.Protocols.Runtime;
using Puma.Transport;

namespace Puma.Serving;

/// <summary>
/// A client of three party servers, for .NET hosts: it holds the model's public side (config,
/// fixed-point precision) and runs each request over fresh mutual-TLS links to the three parties.
/// Only the client sees its tokens in the clear and only it can reconstruct the outputs.
/// <code>
/// await using var client = await PumaClient.ConnectAsync(options);
/// await foreach (var id in client.GenerateAsync(promptIds, 20, cancellationToken)) ...
/// </code>
/// Cancelling a request closes its links; the parties drop it and serve the next.
/// </summary>
public sealed class PumaClient : IAsyncDisposable
{
    /// <summary>How long asking a party about a failed request may take.</summary>
    private static readonly TimeSpan OutcomeTimeout = TimeSpan.FromSeconds(2);

    private readonly PumaClientOptions _options;
    private readonly ServingIdentity _identity;
    private readonly CancellationTokenSource _closing = new();
    private int _disposed;

    private PumaClient(PumaClientOptions options, ClientModel model)
    {
        _options = options;
        Model = model;
        _identity = ServingIdentity.Of(model.Manifest);
    }

    /// <summary>The model's public side: family, config, labels.</summary>
    public ClientModel Model { get; }

    /// <summary>The model's client folder, which also holds its tokenizer (<see cref="ClientTokenizer"/>).</summary>
    public string ModelFolder => _options.ModelFolder;

    /// <summary>Opens the model's client folder and checks the options; requests then connect on demand.</summary>
    public static Task<PumaClient> ConnectAsync(PumaClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        if (options.Parties.Count != 3) throw new ArgumentException($"A cluster has three parties, not {options.Parties.Count}.", nameof(options));
        return Task.FromResult(new PumaClient(options, ClientModel.Open(options.ModelFolder)));
    }

    /// <summary>
    /// Generates up to <paramref name="maxNewTokens"/> token ids greedily after
    /// <paramref name="promptIds"/>, each as it arrives. Generation keeps pace with the caller: the
    /// next token is asked for once the caller has taken this one, and leaving the loop early
    /// cancels the request.
    /// </summary>
    public async IAsyncEnumerable<int> GenerateAsync(int[] promptIds, int maxNewTokens, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = Model.Generation(promptIds, maxNewTokens);
        if (request.NewTokens == 0) yield break;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tokens = Channel.CreateBounded<int>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var run = RunAsync(request, client => Model.Generate(client, promptIds, request, id => tokens.Writer.WriteAsync(id, stop.Token).AsTask().GetAwaiter().GetResult()), stop.Token);
        _ = run.ContinueWith(done => tokens.Writer.TryComplete(done.Exception?.InnerException), TaskScheduler.Default);
        try
        {
            await foreach (var id in tokens.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false)) yield return id;
            await run.ConfigureAwait(false);
        }
        finally
        {
            if (!run.IsCompleted)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await run.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    /// <summary>The class logits of each text's token ids and type ids (BERT classifiers).</summary>
    public Task<double[][]> ClassifyAsync(IReadOnlyList<EncodedText> texts, CancellationToken cancellationToken = default)
        => RunAsync(Model.Classification(texts), client => Model.Classify(client, texts), cancellationToken);

    /// <summary>Every position's next-token logits of each window (GPT-2), one [vocab] row per position.</summary>
    public Task<double[][]> LogitsAsync(IReadOnlyList<int[]> windows, CancellationToken cancellationToken = default)
        => RunAsync(Model.WindowLogits(windows), client => Model.Logits(client, windows), cancellationToken);

    /// <summary>The USE-Lite embedding of each text's token ids (clipped to <see cref="ClientModel.MaxInputTokens"/>), L2-normalised.</summary>
    public Task<double[][]> EmbedAsync(IReadOnlyList<int[]> texts, CancellationToken cancellationToken = default)
        => RunAsync(Model.Embedding(texts), client => Model.Embed(client, texts), cancellationToken);

    /// <summary>Cancels the requests still running; a second call does nothing (the AI wrappers dispose the client they own).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _closing.CancelAsync().ConfigureAwait(false);
        _closing.Dispose();
    }

    /// <summary>One request: links to the three parties, the envelope to each, then the client's side of the protocol.</summary>
    private async Task<T> RunAsync<T>(ModelRequest request, Func<OutsideParty, T> run, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var token = linked.Token;
        var requestId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var links = await ConnectAllAsync(token).ConfigureAwait(false);
        try
        {
            var envelope = new ClientEnvelope(requestId, _identity, request.Kind, request.Lengths, request.NewTokens);
            await Task.WhenAll(links.Select(link => ControlFrames.SendAsync(link, envelope, token))).ConfigureAwait(false);
            var verdicts = await Task.WhenAll(links.Select(link => ControlFrames.ReceiveAsync<Verdict>(link, "verdict", token))).ConfigureAwait(false);
            for (var party = 0; party < verdicts.Length; party++)
            {
                if (verdicts[party].Status == VerdictStatus.Busy) throw new PartyBusyException(verdicts[party].Message);
                if (verdicts[party].Status != VerdictStatus.Accepted) throw new ProtocolMismatchException($"Party {party} refused the request: {verdicts[party].Message}");
            }
            using var closeOnCancel = token.Register(() => { foreach (var link in links) link.Dispose(); });
            try
            {
                return await Task.Factory.StartNew(() => run(new OutsideParty(links)), token, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
                throw new OperationCanceledException("The request was cancelled; its links are closed.", token);
            }
            catch (Exception failure) when (Root(failure) is PeerLostException or PeerTimeoutException or ProtocolMismatchException)
            {
                // The parties still waiting on this client hear why it gave up, so they name the member that failed.
                await Task.WhenAll(links.OfType<TcpChannel>().Select(link => link.TrySendAbortAsync(Root(failure).Message, OutcomeTimeout))).ConfigureAwait(false);
                foreach (var link in links) link.Dispose();
                throw new PumaException($"Request {requestId} failed ({Root(failure).Message}). {await OutcomesAsync(requestId, token).ConfigureAwait(false)}", Root(failure));
            }
            catch (AggregateException failure) when (failure.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Capture(Root(failure)).Throw();
                throw;
            }
        }
        finally
        {
            foreach (var link in links) link.Dispose();
        }
    }

    /// <summary>The first cause inside the aggregates that parallel sends and receives throw, preferring one that is not a closed link.</summary>
    private static Exception Root(Exception failure) => failure is AggregateException aggregate && aggregate.InnerExceptions.Count > 0
        ? Root(aggregate.InnerExceptions.FirstOrDefault(e => e is not PeerLostException) ?? aggregate.InnerExceptions[0])
        : failure;

    /// <summary>
    /// Asks every party how request <paramref name="requestId"/> ended there, on fresh links: the
    /// party that died cannot answer, and the others say whom they lost.
    /// </summary>
    private async Task<string> OutcomesAsync(string requestId, CancellationToken token)
    {
        var question = new ClientEnvelope(requestId, _identity, RequestKind.Generate, [], 0, OutcomeOnly: true);
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(async party =>
        {
            try
            {
                using var link = await TcpChannel.ConnectAsync(MemberNames.Client, party, _options.Parties[party], _options.Transport with { ConnectTimeout = OutcomeTimeout }, token).ConfigureAwait(false);
                await ControlFrames.SendAsync(link, question, token).ConfigureAwait(false);
                return $"party {party}: {(await ControlFrames.ReceiveAsync<Verdict>(link, "outcome", token).ConfigureAwait(false)).Message}";
            }
            catch (Exception error) when (error is PumaException or IOException or OperationCanceledException)
            {
                return $"party {party}: unreachable ({error.Message})";
            }
        })).ConfigureAwait(false);
        return string.Join("; ", answers);
    }

    private async Task<IChannel[]> ConnectAllAsync(CancellationToken token)
    {
        var dials = Enumerable.Range(0, 3).Select(party => TcpChannel.ConnectAsync(MemberNames.Client, party, _options.Parties[party], _options.Transport, token)).ToArray();
        try
        {
            return await Task.WhenAll(dials).ConfigureAwait(false);
        }
        catch
        {
            foreach (var dial in dials.Where(dial => dial.IsCompletedSuccessfully)) dial.Result.Dispose();
            throw;
        }
    }
}
