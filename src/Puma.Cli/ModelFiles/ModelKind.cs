namespace Puma.Cli.ModelFiles;

/// <summary>The model families the commands can load, as read from a model directory.</summary>
internal enum ModelKind
{
    /// <summary>A llama2.c checkpoint (*.bin, no config.json).</summary>
    Llama2c,

    /// <summary>A Hugging Face LLaMA folder (config.json model_type "llama").</summary>
    LlamaHuggingFace,

    /// <summary>A Hugging Face GPT-2 folder (config.json model_type "gpt2").</summary>
    Gpt2,

    /// <summary>A Hugging Face BERT folder (config.json model_type "bert").</summary>
    Bert,
}
