using Puma.Models.Checkpoints;

namespace Puma.Cli.ModelFiles;

/// <summary>
/// Tells which family a model directory holds before anything large is read: config.json's
/// <c>model_type</c>, else its <c>architectures</c>; with no config.json, a llama2.c <c>*.bin</c>.
/// An unknown family is a <see cref="CheckpointException"/> naming config.json and the field.
/// </summary>
internal static class ModelKinds
{
    private static readonly Dictionary<string, ModelKind> ModelTypes = new(StringComparer.Ordinal)
    {
        ["gpt2"] = ModelKind.Gpt2,
        ["bert"] = ModelKind.Bert,
        ["llama"] = ModelKind.LlamaHuggingFace,
    };

    private static readonly Dictionary<string, ModelKind> Architectures = new(StringComparer.Ordinal)
    {
        ["GPT2LMHeadModel"] = ModelKind.Gpt2,
        ["GPT2Model"] = ModelKind.Gpt2,
        ["BertForSequenceClassification"] = ModelKind.Bert,
        ["BertModel"] = ModelKind.Bert,
        ["LlamaForCausalLM"] = ModelKind.LlamaHuggingFace,
        ["LlamaModel"] = ModelKind.LlamaHuggingFace,
    };

    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">It holds neither config.json nor a *.bin checkpoint.</exception>
    public static ModelKind Detect(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Model directory '{directory}' does not exist.");
        var configPath = Path.Combine(directory, "config.json");
        if (!File.Exists(configPath))
        {
            return Directory.EnumerateFiles(directory, "*.bin").Any()
                ? ModelKind.Llama2c
                : throw new FileNotFoundException($"'{directory}' holds no config.json (Hugging Face) and no *.bin (llama2.c) model.");
        }
        var config = ConfigJson.Load(configPath);
        if (config.String("model_type") is { } modelType)
        {
            return ModelTypes.TryGetValue(modelType, out var kind)
                ? kind
                : throw config.Error("model_type", $"'{modelType}' is not supported (expected {string.Join(", ", ModelTypes.Keys)})");
        }
        var architectures = config.Strings("architectures");
        foreach (var architecture in architectures)
            if (Architectures.TryGetValue(architecture, out var kind)) return kind;
        throw config.Error("architectures", architectures.Count == 0
            ? "neither model_type nor architectures says which model this is"
            : $"[{string.Join(", ", architectures)}] is not supported (expected one of {string.Join(", ", Architectures.Keys)})");
    }
}
