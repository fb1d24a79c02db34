using System.Diagnostics;
using Puma.Cli.Evaluation;
using Puma.Models.Bundles;
using Puma.Models.Evaluation;
using Puma.Models.Progress;
using Puma.Models.Serving;
using Puma.Serving;

namespace Puma.Cli.Serving;

/// <summary>
/// <c>puma client eval</c>: <c>puma eval</c>'s secure side through three party servers, on the
/// same inputs (the same windows, examples and sentences). A client has no weights, so there is
/// no plaintext side: a classifier reports its accuracy against the labels, a language model its
/// perplexity, a sentence encoder the sentences embedded and the time.
/// </summary>
internal static class ClientEval
{
    public static EvalReport Run(PumaClient client, ClientTokenizer tokenizer, string data, int? limit, int windowsPerFile, IProgress<ProgressStep> progress)
    {
        var model = client.Model;
        switch (model.Family)
        {
            case ModelFamilies.Bert:
                var examples = LabeledTextFile.Load(data, model.Labels, limit);
                var inputs = examples.Select(example => tokenizer.EncodeWithTypes(example.Text).Truncated(model.MaxInputTokens)).ToArray();
                var classification = ClassificationEvaluation.Run(inputs, [.. examples.Select(example => example.Label)], null, ServedModels.Classifier(client), ClassifierEval.ExamplesPerCall, progress);
                return EvalReport.From(client.ModelFolder, model.Family, data, classification) with { BytesSecure = null };
            case ModelFamilies.UseLite:
                return Embeddings(client, tokenizer, data, limit);
            default:
                var documents = TextDocuments.List(data, limit);
                var length = Math.Min(LanguageModelEval.WindowLength, model.MaxInputTokens);
                var windows = LanguageModelEval.Windows(documents, tokenizer.Encode, length, windowsPerFile);
                var perplexity = PerplexityEvaluation.Run(windows, model.VocabSize, null, ServedModels.LanguageModel(client), LanguageModelEval.WindowsPerCall, progress);
                return EvalReport.From(client.ModelFolder, model.Family, data, documents.Count, perplexity) with { BytesSecure = null };
        }
    }

    private static EvalReport Embeddings(PumaClient client, ClientTokenizer tokenizer, string data, int? limit)
    {
        var sentences = SentenceFile.Load(data, limit);
        var ids = sentences.Select(tokenizer.Encode).ToArray();
        var empty = Array.FindIndex(ids, sentence => sentence.Length == 0);
        if (empty >= 0) throw new DatasetException(data, null, $"sentence {empty + 1} ('{sentences[empty]}') has no tokens");
        var clock = Stopwatch.StartNew();
        client.EmbedAsync(ids).GetAwaiter().GetResult();
        return new EvalReport(client.ModelFolder, ModelFamilies.UseLite, data, sentences.Count, null, null, null, null, null, null, null, null, null, null, clock.Elapsed.TotalSeconds, null);
    }
}
