using Puma.Models.Checkpoints;
using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.Tokenizers;

namespace Puma.Cli.ModelFiles;

/// <summary>
/// A Hugging Face BERT sequence classifier folder: config.json (BertForSequenceClassification),
/// model.safetensors and tokenizer.json (WordPiece, as real BERT checkpoints ship, or byte-level
/// BPE), whose template adds the classifier's special tokens and the token type ids.
/// </summary>
internal sealed record BertDirectory(BertWeights Weights, ITypedTokenizer Tokenizer)
{
    /// <exception cref="CheckpointException">The config names a BertModel without a classification head.</exception>
    public static BertDirectory Load(string directory, string? tokenizerPath = null, IProgress<ProgressStep>? progress = null)
    {
        var configPath = Path.Combine(directory, "config.json");
        if (!BertConfig.Load(configPath).IsClassifier)
            throw new CheckpointException(configPath, "architectures", "is not BertForSequenceClassification; a classifier head is needed");
        var (tokenizer, path) = TokenizerFiles.Bert(directory, tokenizerPath);
        var weights = BertWeights.Load(directory, progress);
        TokenizerFiles.CheckFits(path, tokenizer.VocabSize, directory, weights.Config.VocabSize);
        return new(weights, tokenizer);
    }

    /// <summary>The class names, index = class (config.json's id2label, else LABEL_i).</summary>
    public IReadOnlyList<string> Labels => Weights.Config.Labels;

    /// <summary>The model input for <paramref name="text"/>: the tokenizer's truncation and template, cut to the position table.</summary>
    public EncodedText Encode(string text) => Tokenizer.EncodeWithTypes(text).Truncated(Weights.Config.MaxPositions);
}
