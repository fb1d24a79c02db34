using Puma.Cli.ModelFiles;
using Puma.Models.Evaluation;
using Puma.Models.Progress;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Evaluation;

/// <summary>
/// Accuracy of a BERT classifier over a JSON Lines file of labelled texts, plaintext and secure
/// on the same token ids, and how often the two agree.
/// </summary>
internal static class ClassifierEval
{
    /// <summary>Examples per model call; each secure call shares the weights once.</summary>
    public const int ExamplesPerCall = 50;

    /// <param name="secure">How to run the parties; null for a plaintext-only run.</param>
    /// <param name="progress">Hears loading, dealing and the examples scored (stderr in the CLI, so JSON on stdout stays clean).</param>
    public static EvalReport Run(string directory, string? tokenizerPath, string data, int? limit, RunOptions? secure, IProgress<ProgressStep> progress)
    {
        var model = BertDirectory.Load(directory, tokenizerPath, progress);
        var examples = LabeledTextFile.Load(data, model.Labels, limit);
        var inputs = examples.Select(example => model.Encode(example.Text)).ToArray();
        var labels = examples.Select(example => example.Label).ToArray();
        var secureModel = secure is null ? null : SecureBackends.BertLogits(model.Weights, secure, progress);
        var result = ClassificationEvaluation.Run(inputs, labels, new PlainBertLogits(model.Weights), secureModel, ExamplesPerCall, progress);
        return EvalReport.From(directory, "bert", data, result);
    }
}
