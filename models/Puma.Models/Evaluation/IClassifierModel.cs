using Puma.Models.Tokenizers;

namespace Puma.Models.Evaluation;

/// <summary>
/// A sequence classifier whose class logits the client can see: the plaintext reference, or a
/// secure forward that reveals them to the client. Inputs carry their token type ids (BERT's
/// segments), as the tokenizer's template gives them.
/// </summary>
public interface IClassifierModel
{
    /// <summary>The [classes] logits of each input.</summary>
    LogitsBatch Run(IReadOnlyList<EncodedText> inputs);
}
