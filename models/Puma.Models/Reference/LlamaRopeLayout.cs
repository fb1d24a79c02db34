namespace Puma.Models.Reference;

/// <summary>
/// Which coordinates of a head rotary embeddings rotate together. Checkpoint converters permute
/// the q/k projection rows between the two, so the layout belongs to the weights, not the model.
/// </summary>
public enum LlamaRopeLayout
{
    /// <summary>llama2.c and Meta's original code: pairs (2i, 2i+1) within each head.</summary>
    Interleaved,

    /// <summary>Hugging Face "rotate half": pairs (i, i + headSize/2) within each head.</summary>
    RotateHalf,
}
