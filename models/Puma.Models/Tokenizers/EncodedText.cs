namespace Puma.Models.Tokenizers;

/// <summary>
/// A text as a model takes it: the token ids after the tokenizer's template, and each token's
/// type id (segment), which BERT adds as its token-type embedding.
/// </summary>
public sealed record EncodedText(int[] Ids, int[] TypeIds)
{
    /// <summary>A single segment of type 0: what a tokenizer without type ids gives.</summary>
    public static EncodedText SingleSegment(int[] ids) => new(ids, new int[ids.Length]);

    /// <summary>The first <paramref name="length"/> tokens (this text when it is no longer): a model's position table bounds its input.</summary>
    public EncodedText Truncated(int length) => Ids.Length <= length ? this : new(Ids[..length], TypeIds[..length]);
}
