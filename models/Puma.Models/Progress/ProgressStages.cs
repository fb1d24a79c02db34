namespace Puma.Models.Progress;

/// <summary>
/// The names of the long steps the library reports as <see cref="ProgressStep"/>s, each ending
/// with its unit in parentheses so a renderer can print counts without knowing the step.
/// </summary>
public static class ProgressStages
{
    /// <summary>Reading a checkpoint's tensors (bytes of the file's tensor data).</summary>
    public const string LoadingWeights = "loading weights (bytes)";

    /// <summary>The model owner encoding and sharing the weights (bytes of ring elements, 8 per weight).</summary>
    public const string DealingWeights = "dealing weights (bytes)";

    /// <summary>An evaluation scoring its examples (texts, windows or sentences).</summary>
    public const string Evaluating = "eval (examples)";

    /// <summary><c>puma share</c> encoding, masking and writing a model's weights, counted in values.</summary>
    public const string SharingWeights = "sharing weights (values)";

    /// <summary>A party checking its bundle files' SHA-256, counted in bytes.</summary>
    public const string VerifyingBundle = "verifying bundle (bytes)";
}
