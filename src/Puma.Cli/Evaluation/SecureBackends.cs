using Puma.Models.Evaluation;
using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Evaluation;

/// <summary>The secure forwards the commands call, each with the command's run options (transport, network, profile), reporting the weight dealing to <c>progress</c>.</summary>
internal static class SecureBackends
{
    /// <returns>The generated ids and the milliseconds the client waited for each.</returns>
    public static (int[] Ids, double[] Milliseconds) Gpt2Generate(Gpt2Weights weights, int[] promptIds, int count, RunOptions options, Action<int> onToken, IProgress<ProgressStep> progress)
    {
        var result = SecureGpt2.Generate(weights, promptIds, count, options, onToken, progress);
        return (result.GeneratedIds, [.. result.TokenTimes.Select(time => time.TotalMilliseconds)]);
    }

    public static ILogitsModel Gpt2Logits(Gpt2Weights weights, RunOptions options, IProgress<ProgressStep> progress) => new SecureGpt2Logits(weights, options, progress);

    public static ILogitsModel LlamaLogits(LlamaWeights weights, RunOptions options, IProgress<ProgressStep> progress) => new SecureLlamaLogits(weights, options, progress);

    public static IClassifierModel BertLogits(BertWeights weights, RunOptions options, IProgress<ProgressStep> progress) => new SecureBertLogits(weights, options, progress);
}
