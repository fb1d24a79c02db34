namespace Puma.Models.Tokenizers;

/// <summary>
/// A text as a model takes it: the token ids after the tokenizer's template, and each token's
/// type id (segment), which BERT adds as its token-type embedding.
/// </summary>
public sealed record EncodedText(int[] Ids, int[] TypeIds)
{
    /// <summary>A single segment of type 0: what a tokenizer without type ids gives.</summary>
    public static EncodedText SingleSegment(int[] ids) => new(ids, new int[ids.Length]);
}
