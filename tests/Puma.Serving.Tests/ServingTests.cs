using System.Diagnostics;
using Puma.Models.Bundles;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Models.Tests;
using Puma.Models.Tokenizers;
using Puma.Simd;
using Puma.Transport;

namespace Puma.Serving.Tests;

/// <summary>Three party servers and a client on loopback over mutual TLS: answers, order, failures.</summary>
public sealed class ServingTests : IDisposable
{
    private readonly TinyModels _models = new();
    private readonly string _bundles = Directory.CreateTempSubdirectory("puma-serving-").FullName;

    public void Dispose()
    {
        _models.Dispose();
        Directory.Delete(_bundles, recursive: true);
    }

    [Fact]
    public async Task GenerationThroughThePartyServersGivesTheReferenceGreedyIds()
    {
        var weights = TinyGpt2(61);
        await using var cluster = new LoopbackCluster(ShareGpt2(weights));
        await using var client = await PumaClient.ConnectAsync(cluster.ClientOptions);
        int[] prompt = [3, 9, 14, 1];

        var first = await Greedy.Collect(client.GenerateAsync(prompt, 5));
        var second = await Greedy.Collect(client.GenerateAsync(prompt, 5));

        Assert.Equal(Greedy.Reference(weights, prompt, 5), first);
        Assert.Equal(first, second);
        for (var party = 0; party < 3; party++) Assert.Equal((2, 0), cluster.Server(party).Counts);
    }

    [Fact]
    public async Task ClassificationThroughThePartyServersMatchesTheReference()
    {
        var weights = BertWeights.Load(_models.WriteModel(_models.BertConfigJson(), TinyModels.BertTensors(62, TensorDType.F32)));
        var folder = NewBundleFolder();
        ModelBundles.WriteBert(folder, weights, new string('0', 64), [], FixedPoint.DefaultFractionalBits);
        await using var cluster = new LoopbackCluster(folder);
        await using var client = await PumaClient.ConnectAsync(cluster.ClientOptions);
        EncodedText[] texts = [new([1, 5, 22, 0, 7], [0, 0, 1, 1, 1]), EncodedText.SingleSegment([4, 4])];

        var logits = await client.ClassifyAsync(texts);

        var reference = new BertReference(weights);
        for (var t = 0; t < texts.Length; t++)
        {
            var expected = reference.Classify(texts[t].Ids, texts[t].TypeIds);
            for (var label = 0; label < expected.Length; label++) Assert.InRange(logits[t][label], expected[label] - 0.04, expected[label] + 0.04);
        }
        Assert.Equal(["ham", "spam"], client.Model.Labels);
    }

    [Fact]
    public async Task APartyThatDiesMidRequestFailsItNamingThePartyAndTheRestartedPartyServesTheNext()
    {
        var weights = TinyGpt2(63);
        await using var cluster = new LoopbackCluster(ShareGpt2(weights));
        await using var client = await PumaClient.ConnectAsync(cluster.ClientOptions);
        int[] prompt = [1, 2, 3];

        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAnyAsync<PumaException>(async () =>
        {
            var stopped = false;
            await foreach (var _ in client.GenerateAsync(prompt, 8))
            {
                if (stopped) continue;
                await cluster.StopAsync(1);
                stopped = true;
            }
        });

        Assert.Contains("party 1: unreachable", failure.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.True(await WaitFor(() => cluster.Server(0).Counts.Failed == 1 && cluster.Server(2).Counts.Failed == 1, TimeSpan.FromSeconds(5)),
            "parties 0 and 2 did not fail the request within 5 s");
        cluster.Start(1);
        Assert.Equal(Greedy.Reference(weights, prompt, 4), await Greedy.Collect(client.GenerateAsync(prompt, 4)));
    }

    [Fact]
    public async Task AClientThatLeavesMidRequestLeavesThePartiesReadyForTheNext()
    {
        var weights = TinyGpt2(64);
        await using var cluster = new LoopbackCluster(ShareGpt2(weights));
        await using var client = await PumaClient.ConnectAsync(cluster.ClientOptions);
        int[] prompt = [7, 7, 2];

        await foreach (var _ in client.GenerateAsync(prompt, 8)) break;

        Assert.True(await WaitFor(() => Enumerable.Range(0, 3).All(p => cluster.Server(p).Counts.Failed == 1), TimeSpan.FromSeconds(5)),
            "the parties did not drop the abandoned request within 5 s");
        Assert.Equal(Greedy.Reference(weights, prompt, 3), await Greedy.Collect(client.GenerateAsync(prompt, 3)));
    }

    [Fact]
    public async Task Party0AnswersBusyWhenItsQueueIsFull()
    {
        await using var cluster = new LoopbackCluster(ShareGpt2(TinyGpt2(65)), queueCapacity: 1);
        await using var client = await PumaClient.ConnectAsync(cluster.ClientOptions);
        using var cancel = new CancellationTokenSource();

        // A generation paused after its first token holds the server; a second request waits in the queue.
        await using var running = client.GenerateAsync([1, 2], 8, cancel.Token).GetAsyncEnumerator();
        Assert.True(await running.MoveNextAsync());
        await using var queued = client.GenerateAsync([3, 4], 8, cancel.Token).GetAsyncEnumerator();
        var waiting = queued.MoveNextAsync().AsTask();

        Assert.True(await WaitFor(() => cluster.Server(0).Waiting == 1, TimeSpan.FromSeconds(10)), "the second request did not reach party 0's queue");

        var busy = await Assert.ThrowsAsync<PartyBusyException>(() => Greedy.Collect(client.GenerateAsync([5], 1)));

        Assert.Contains("busy", busy.Message);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task AClientOfAnotherSharingIsRefusedNamingTheDifference()
    {
        var weights = TinyGpt2(66);
        await using var cluster = new LoopbackCluster(ShareGpt2(weights));
        var other = ShareGpt2(weights);
        await using var client = await PumaClient.ConnectAsync(cluster.ClientOptions with { ModelFolder = Path.Combine(other, BundleLayout.ClientFolder) });

        var refused = await Assert.ThrowsAsync<ProtocolMismatchException>(() => Greedy.Collect(client.GenerateAsync([1], 1)));

        Assert.Contains("bundle id", refused.Message);
    }

    private Gpt2Weights TinyGpt2(int seed) => Gpt2Weights.Load(_models.WriteModel(_models.Gpt2ConfigJson(), TinyModels.Gpt2Tensors(seed, TensorDType.F32)));

    private string ShareGpt2(Gpt2Weights weights)
    {
        var folder = NewBundleFolder();
        ModelBundles.WriteGpt2(folder, weights, new string('0', 64), [], FixedPoint.DefaultFractionalBits);
        return folder;
    }

    private string NewBundleFolder() => Path.Combine(_bundles, Guid.NewGuid().ToString("N"));

    private static async Task<bool> WaitFor(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) return false;
            await Task.Delay(20);
        }
        return true;
    }
}
