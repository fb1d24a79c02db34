using System.Text.Json.Nodes;
using Puma.Models.Checkpoints;
using Puma.Models.Llama2c;
using Puma.Models.Reference;

namespace Puma.Models.Tests;

public class LlamaHuggingFaceCheckpointTests
{
    /// <summary>Both files hold the same float32 weights; only summation order differs in double.</summary>
    private const double SameModelTolerance = 1e-12;

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GivesTheSameLogitsAsTheLlama2cCheckpoint(int index)
    {
        SharedFixtures.SkipIfMissing();
        var reference = StoriesReference.Cases()[index];
        using var llama2c = Llama2cCheckpoint.Open(StoriesReference.CheckpointPath);
        using var huggingFace = LlamaHuggingFaceCheckpoint.Open(StoriesReference.HuggingFaceDirectory);

        var expected = new LlamaReference(llama2c).Forward(reference.PromptIds);
        var actual = new LlamaReference(huggingFace).Forward(reference.PromptIds);

        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], SameModelTolerance);
        Assert.Equal(reference.GreedyIds[..8], LlamaGreedy.Generate(huggingFace, reference.PromptIds, 8));
    }

    [SkippableFact]
    public void ReadsTheConfig()
    {
        SharedFixtures.SkipIfMissing();
        using var checkpoint = LlamaHuggingFaceCheckpoint.Open(StoriesReference.HuggingFaceDirectory);
        Assert.Equal(new LlamaConfig(64, 172, 5, 8, 4, 512, 512, 1e-5, 10000, LlamaRopeLayout.RotateHalf), checkpoint.Config);
    }

    [SkippableFact]
    public void ConfigThatDisagreesWithTheTensorsNamesTheTensor()
    {
        SharedFixtures.SkipIfMissing();
        using var folder = CopyWithConfig(config => config["intermediate_size"] = 100);
        var error = Assert.Throws<CheckpointException>(() => LlamaHuggingFaceCheckpoint.Open(folder.Path));
        Assert.Equal("model.layers.0.mlp.gate_proj.weight", error.TensorName);
        Assert.Contains("[172, 64] does not match [100, 64]", error.Message);
    }

    [SkippableFact]
    public void TiedEmbeddingsNeedNoLmHeadAndUseTheEmbedding()
    {
        SharedFixtures.SkipIfMissing();
        using var folder = CopyWithConfig(config => config["tie_word_embeddings"] = true);
        using var checkpoint = LlamaHuggingFaceCheckpoint.Open(folder.Path);
        Assert.True(checkpoint.Classifier == checkpoint.TokenEmbedding);
    }

    [SkippableTheory]
    [InlineData("rope_scaling", "RoPE scaling is not supported")]
    [InlineData("hidden_act", "activation 'gelu' is not supported")]
    [InlineData("num_key_value_heads", "heads 8 is not a multiple of kv_heads 3")]
    public void UnsupportedConfigIsRejectedNamingTheFile(string field, string expected)
    {
        SharedFixtures.SkipIfMissing();
        using var folder = CopyWithConfig(config => config[field] = field switch
        {
            "rope_scaling" => new JsonObject { ["type"] = "linear", ["factor"] = 2.0 },
            "hidden_act" => "gelu",
            _ => 3,
        });
        var error = Assert.Throws<CheckpointException>(() => LlamaHuggingFaceCheckpoint.Open(folder.Path));
        Assert.Contains(Path.Combine(folder.Path, "config.json"), error.Message);
        Assert.Contains(expected, error.Message);
    }

    /// <summary>A temporary copy of stories260k-hf whose config.json is edited by <paramref name="edit"/>.</summary>
    private static LlamaTemporaryDirectory CopyWithConfig(Action<JsonObject> edit)
    {
        var folder = new LlamaTemporaryDirectory();
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(StoriesReference.HuggingFaceDirectory, "config.json")))!.AsObject();
        edit(config);
        File.WriteAllText(Path.Combine(folder.Path, "config.json"), config.ToJsonString());
        File.Copy(Path.Combine(StoriesReference.HuggingFaceDirectory, "model.safetensors"), Path.Combine(folder.Path, "model.safetensors"));
        return folder;
    }
}
