using Puma.Models.Checkpoints;
using Puma.Models.Reference;

namespace Puma.Models.Tests.Fuzz;

/// <summary>config.json for each architecture: every mutation loads a config or is a <see cref="CheckpointException"/>.</summary>
public sealed class ConfigJsonFuzzTests
{
    private const string LlamaConfigJson = """
        {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 512, "hidden_size": 64, "intermediate_size": 172,
         "num_hidden_layers": 5, "num_attention_heads": 8, "num_key_value_heads": 4, "head_dim": 8, "max_position_embeddings": 512,
         "rms_norm_eps": 1e-05, "rope_theta": 10000.0, "hidden_act": "silu", "tie_word_embeddings": false, "attention_bias": false,
         "mlp_bias": false, "rope_scaling": null, "bos_token_id": 1, "eos_token_id": 2}
        """;

    [Fact]
    public void MutatedGpt2ConfigsLoadOrFailNamingTheFile()
    {
        using var models = new TinyModels();
        ReaderFuzzer.Run<CheckpointException>(models.Directory, "config.json", Utf8(models.Gpt2ConfigJson()), FuzzMutator.Json, path =>
        {
            var config = Gpt2Config.Load(path);
            Assert.Equal(config.Width, config.HeadSize * config.Heads);
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MutatedBertConfigsLoadOrFailNamingTheFile(bool labelNames)
    {
        using var models = new TinyModels();
        var json = labelNames ? models.BertConfigJson() : models.BertConfigJson().Replace("\"id2label\": {\"0\": \"ham\", \"1\": \"spam\"}", "\"num_labels\": 2");
        Assert.Equal(labelNames, !json.Contains("num_labels", StringComparison.Ordinal));
        ReaderFuzzer.Run<CheckpointException>(models.Directory, "config.json", Utf8(json), FuzzMutator.Json, path =>
        {
            var config = BertConfig.Load(path);
            Assert.Equal(config.Hidden, config.HeadSize * config.Heads);
            Assert.NotEmpty(config.Labels);
        });
    }

    [Fact]
    public void MutatedLlamaConfigsLoadOrFailNamingTheFile()
    {
        using var directory = new LlamaTemporaryDirectory();
        ReaderFuzzer.Run<CheckpointException>(directory.Path, "config.json", Utf8(LlamaConfigJson), FuzzMutator.Json, path =>
            Assert.Null(LlamaHuggingFaceConfig.Load(path).Model.FindProblem()));
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
