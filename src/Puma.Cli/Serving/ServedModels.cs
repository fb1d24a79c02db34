using System.Diagnostics;
using Puma.Models.Evaluation;
using Puma.Models.Tokenizers;
using Puma.Serving;

namespace Puma.Cli.Serving;

/// <summary>
/// The secure side of an evaluation, run by three party servers: each call is one request, whose
/// outputs only this client reconstructs. The client does not see what the parties send, so
/// the batches report no bytes.
/// </summary>
internal static class ServedModels
{
    public static IClassifierModel Classifier(PumaClient client) => new ServedClassifier(client);

    public static ILogitsModel LanguageModel(PumaClient client) => new ServedLanguageModel(client);

    private sealed class ServedClassifier(PumaClient client) : IClassifierModel
    {
        public LogitsBatch Run(IReadOnlyList<EncodedText> inputs)
        {
            var clock = Stopwatch.StartNew();
            var logits = client.ClassifyAsync(inputs).GetAwaiter().GetResult();
            return new LogitsBatch(logits, clock.Elapsed, 0);
        }
    }

    /// <summary>Window logits arrive as one [vocab] row per position, window after window; the evaluation takes each window's rows flattened.</summary>
    private sealed class ServedLanguageModel(PumaClient client) : ILogitsModel
    {
        public LogitsBatch Run(IReadOnlyList<int[]> sequences)
        {
            var clock = Stopwatch.StartNew();
            var rows = client.LogitsAsync(sequences).GetAwaiter().GetResult();
            var windows = new double[sequences.Count][];
            var next = 0;
            for (var i = 0; i < sequences.Count; i++)
            {
                windows[i] = [.. rows.Skip(next).Take(sequences[i].Length).SelectMany(row => row)];
                next += sequences[i].Length;
            }
            return new LogitsBatch(windows, clock.Elapsed, 0);
        }
    }
}
