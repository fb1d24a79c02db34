namespace Puma.Models.Tokenizers;

/// <summary>A tokenizer whose template gives each token a type id (BERT's segment input).</summary>
public interface ITypedTokenizer
{
    /// <summary>The ids and type ids of <paramref name="text"/> as one sequence, truncated and wrapped by the template.</summary>
    EncodedText EncodeWithTypes(string text);

    /// <summary>One past the largest id it can produce.</summary>
    int VocabSize { get; }

    /// <summary>The vocabulary string of <paramref name="id"/>.</summary>
    string TokenText(int id);
}
