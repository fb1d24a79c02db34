using Puma.Models.Checkpoints;

namespace Puma.Models.Tests;

public sealed class ModelConfigTests
{
    [SkippableFact]
    public void SharedFixtureConfigsLoad()
    {
        SharedFixtures.SkipIfMissing();
        var gpt2 = Gpt2Config.Load(SharedFixtures.Path("models", "gpt2-sotu", "config.json"));
        Assert.Equal(new Gpt2Config(50257, 256, 128, 4, 4, 512, HiddenActivation.GeluTanh, 1e-5, true), gpt2);

        var bert = BertConfig.Load(SharedFixtures.Path("models", "bert-spam", "config.json"));
        Assert.Equal((50260, 128, 2, 2, 512, HiddenActivation.GeluExact, 1e-12, 50259, true),
            (bert.VocabSize, bert.Hidden, bert.Layers, bert.Heads, bert.Intermediate, bert.Activation, bert.LayerNormEpsilon, bert.PadTokenId, bert.IsClassifier));
        Assert.Equal(["ham", "spam"], bert.Labels);
    }

    [Theory]
    [InlineData("""{"n_embd": 8, "n_head": 3, "n_layer": 1, "vocab_size": 5, "n_positions": 4}""", "n_head", "3 heads do not divide n_embd 8")]
    [InlineData("""{"n_embd": 8, "n_head": 2, "vocab_size": 5, "n_positions": 4}""", "n_layer", "missing")]
    [InlineData("""{"n_embd": 8, "n_head": 2, "n_layer": 0, "vocab_size": 5, "n_positions": 4}""", "n_layer", "must be positive")]
    [InlineData("""{"n_embd": "8", "n_head": 2, "n_layer": 1, "vocab_size": 5, "n_positions": 4}""", "n_embd", "must be an integer")]
    [InlineData("""{"model_type": "bert"}""", "model_type", "expected 'gpt2'")]
    [InlineData("""{"architectures": ["LlamaForCausalLM"]}""", "architectures", "names no GPT-2 model")]
    [InlineData("""{"n_embd": 8, "n_head": 2, "n_layer": 1, "vocab_size": 5, "n_positions": 4, "activation_function": "relu"}""", "activation_function", "'relu' is not supported")]
    public void BadGpt2ConfigsNameTheField(string json, string field, string expected)
    {
        var error = Assert.Throws<CheckpointException>(() => Gpt2Config.From(ConfigJson.Parse(json, "gpt2/config.json")));
        Assert.Equal(field, error.TensorName);
        Assert.Contains(expected, error.Message);
        Assert.Contains("gpt2/config.json", error.Message);
    }

    [Theory]
    [InlineData("""{"hidden_size": 10, "num_attention_heads": 4}""", "num_attention_heads", "4 heads do not divide hidden_size 10")]
    [InlineData("""{"hidden_size": 8, "num_attention_heads": 2, "vocab_size": 5, "pad_token_id": 9}""", "pad_token_id", "outside the vocabulary")]
    [InlineData("""{"position_embedding_type": "relative_key"}""", "position_embedding_type", "not supported")]
    [InlineData("""{"hidden_size": 8, "num_attention_heads": 2, "vocab_size": 5, "id2label": {"0": "a", "2": "b"}}""", "id2label", "without gaps")]
    public void BadBertConfigsNameTheField(string json, string field, string expected)
    {
        var error = Assert.Throws<CheckpointException>(() => BertConfig.From(ConfigJson.Parse(json, "bert/config.json")));
        Assert.Equal(field, error.TensorName);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void InvalidJsonIsReportedWithTheFile()
    {
        var error = Assert.Throws<CheckpointException>(() => ConfigJson.Parse("{\"n_embd\": ", "x/config.json"));
        Assert.Contains("x/config.json", error.Message);
        Assert.Contains("not valid JSON", error.Message);
    }
}
