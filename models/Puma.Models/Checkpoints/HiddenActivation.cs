namespace Puma.Models.Checkpoints;

/// <summary>The GeLU variants named by HF configs (<c>activation_function</c> / <c>hidden_act</c>).</summary>
public enum HiddenActivation
{
    /// <summary><c>gelu</c>: x·Φ(x) with the exact error function.</summary>
    GeluExact,

    /// <summary><c>gelu_new</c> / <c>gelu_pytorch_tanh</c>: the tanh approximation.</summary>
    GeluTanh,
}

/// <summary>Parses HF activation names.</summary>
public static class HiddenActivations
{
    public static HiddenActivation Parse(ConfigJson config, string field, string name) => name switch
    {
        "gelu" => HiddenActivation.GeluExact,
        "gelu_new" or "gelu_pytorch_tanh" => HiddenActivation.GeluTanh,
        _ => throw config.Error(field, $"activation '{name}' is not supported (expected gelu, gelu_new or gelu_pytorch_tanh)"),
    };
}
