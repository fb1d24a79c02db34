using Microsoft.Extensions.AI;
using Puma.Examples.Chat;
using Puma.Models.Bundles;
using Puma.Models.Serving;
using Puma.Models.Tests;
using Puma.Models.Tokenizers;

namespace Puma.Serving.Tests;

/// <summary>The .NET AI chat client over three party servers: the same tokens as the token-id API, as text.</summary>
public sealed class ChatClientTests : IDisposable
{
    private readonly TinyModels _models = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("puma-chat-").FullName;

    public void Dispose()
    {
        _models.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Bundle => Path.Combine(_folder, "bundle");

    private string ClientFolder => Path.Combine(Bundle, BundleLayout.ClientFolder);

    [Fact]
    public async Task StreamingGivesOneUpdatePerTokenOfTheTokenIdGenerationAndItsText()
    {
        var weights = ByteLevelGpt2.Share(_models, ByteLevelGpt2.ClearSeed, Bundle);
        await using var cluster = new LoopbackCluster(Bundle);
        await using var client = await PumaClient.ConnectAsync(cluster.ClientOptions);
        var tokenizer = ByteLevelBpeTokenizer.Load(Path.Combine(ClientFolder, "tokenizer.json"));
        var prompt = tokenizer.Encode("hi\nyou");
        var ids = await Greedy.Collect(client.GenerateAsync(prompt, 6));
        IChatClient chat = client.AsChatClient();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi"), new ChatMessage(ChatRole.User, "you")], new ChatOptions { MaxOutputTokens = 6 }))
            updates.Add(update);

        Assert.Equal(Greedy.Reference(weights, prompt, 6), ids);
        Assert.Equal(ids, updates.Where(update => update.RawRepresentation is int).Select(update => (int)update.RawRepresentation!));
        Assert.Equal(ids.Length + 1, updates.Count);
        Assert.Equal(tokenizer.Decode(ids), string.Concat(updates.Select(update => update.Text)));
        var response = updates.ToChatResponse();
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal((prompt.Length, ids.Length), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount));
        Assert.Same(client, chat.GetService<PumaClient>());
        Assert.Equal(ModelFamilies.Gpt2, chat.GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    [Fact]
    public async Task AResponseIsTheWholeGenerationWithItsTokenCounts()
    {
        var weights = ByteLevelGpt2.Share(_models, ByteLevelGpt2.ClearSeed, Bundle);
        await using var cluster = new LoopbackCluster(Bundle);
        await using var chat = (await PumaClient.ConnectAsync(cluster.ClientOptions)).AsChatClient();
        var tokenizer = ByteLevelBpeTokenizer.Load(Path.Combine(ClientFolder, "tokenizer.json"));

        var response = await chat.GetResponseAsync("ok", new ChatOptions { MaxOutputTokens = 4 });

        Assert.Equal(tokenizer.Decode(Greedy.Reference(weights, tokenizer.Encode("ok"), 4)), response.Text);
        Assert.Equal((2L, 4L, 6L), (response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value, response.Usage.TotalTokenCount!.Value));
    }

    [Fact]
    public async Task CancellingAStreamStopsItAndThePartiesServeTheNext()
    {
        var weights = ByteLevelGpt2.Share(_models, ByteLevelGpt2.ClearSeed, Bundle);
        await using var cluster = new LoopbackCluster(Bundle);
        await using var chat = (await PumaClient.ConnectAsync(cluster.ClientOptions)).AsChatClient();
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in chat.GetStreamingResponseAsync("abc", new ChatOptions { MaxOutputTokens = 8 }, cancel.Token)) await cancel.CancelAsync();
        });

        var tokenizer = ByteLevelBpeTokenizer.Load(Path.Combine(ClientFolder, "tokenizer.json"));
        Assert.Equal(tokenizer.Decode(Greedy.Reference(weights, tokenizer.Encode("abc"), 2)), (await chat.GetResponseAsync("abc", new ChatOptions { MaxOutputTokens = 2 })).Text);
    }

    [Fact]
    public void AChatClientNeedsALanguageModel()
    {
        var folder = Path.Combine(_folder, "bert");
        ModelBundles.WriteBert(folder, Models.Reference.BertWeights.Load(_models.WriteModel(_models.BertConfigJson(), TinyModels.BertTensors(74, Models.Checkpoints.TensorDType.F32))),
            new string('0', 64), [], Simd.FixedPoint.DefaultFractionalBits);
        var options = new PumaClientOptions { Parties = [.. Enumerable.Range(0, 3).Select(_ => new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1))], Transport = new(), ModelFolder = Path.Combine(folder, BundleLayout.ClientFolder) };

        var refused = Assert.Throws<ArgumentException>(() => PumaClient.ConnectAsync(options).GetAwaiter().GetResult().AsChatClient());

        Assert.Contains("bert model does not generate text", refused.Message);
    }

    [Fact]
    public async Task TheExampleHostChatsThroughAClusterFile()
    {
        var weights = ByteLevelGpt2.Share(_models, ByteLevelGpt2.ClearSeed, Bundle);
        await using var cluster = new LoopbackCluster(Bundle, clusterFolder: Path.Combine(_folder, "cluster"));
        var tokenizer = ByteLevelBpeTokenizer.Load(Path.Combine(ClientFolder, "tokenizer.json"));
        var prompt = tokenizer.Encode("Hi");
        var count = ClientModel.Open(ClientFolder).Generation(prompt, ChatExample.MaxOutputTokens).NewTokens;
        using StringWriter output = new(), error = new();

        var exit = await ChatExample.MainAsync([cluster.ClusterPath!, ClientFolder, "Hi"], output, error);

        Assert.Equal((0, ""), (exit, error.ToString()));
        var text = tokenizer.Decode(Greedy.Reference(weights, prompt, count));
        Assert.Equal($"{text}{Environment.NewLine}[2 prompt tokens, {count} generated, finish: length]{Environment.NewLine}", output.ToString());
    }
}
