using System.Diagnostics;
using Puma.Models.Bundles;
using Puma.Models.Evaluation;
using Puma.Models.Progress;
using Puma.Models.Secure;
using Puma.Models.UseLite;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Evaluation;

/// <summary>
/// How closely secure USE-Lite embeddings follow the plaintext ones over a file of sentences
/// (<see cref="SentenceFile"/>): the cosine of each pair, as minimum and mean.
/// </summary>
internal static class EmbeddingEval
{
    /// <summary>The <c>--model</c> value that names the npm-installed Universal Sentence Encoder Lite.</summary>
    public const string ModelName = ModelFamilies.UseLite;

    /// <param name="secure">How to run the parties; null for a plaintext-only run.</param>
    /// <param name="messages">Receives the installer's messages and a line before the secure run (stderr in the CLI).</param>
    /// <param name="progress">Hears the weight dealing of the secure run.</param>
    public static EvalReport Run(string data, int? limit, RunOptions? secure, TextWriter messages, IProgress<ProgressStep> progress)
    {
        var model = UseLiteModel.Install(progress: messages.WriteLine);
        var sentences = SentenceFile.Load(data, limit);
        var ids = sentences.Select(model.Encode).ToArray();
        var empty = Array.FindIndex(ids, sentence => sentence.Length == 0);
        if (empty >= 0) throw new DatasetException(data, null, $"sentence {empty + 1} ('{sentences[empty]}') has no tokens");

        var clock = Stopwatch.StartNew();
        var plain = ids.Select(sentence => UseLiteReference.Embed(model.Weights, sentence)).ToArray();
        var plainSeconds = clock.Elapsed.TotalSeconds;
        if (secure is null)
            return new EvalReport(ModelName, "use-lite", data, sentences.Count, null, null, null, null, null, null, null, null, null, plainSeconds, null, null);

        messages.WriteLine($"eval: secure embeddings of {sentences.Count} sentences ...");
        clock.Restart();
        var embedded = SecureUseLite.Embed(model.Weights, ids, secure, progress);
        var secureSeconds = clock.Elapsed.TotalSeconds;
        var cosines = new CosineTally();
        for (var i = 0; i < plain.Length; i++) cosines.Add(plain[i], embedded.Embeddings[i]);
        return new EvalReport(ModelName, "use-lite", data, sentences.Count, null, null, null, null, null, null, null,
            cosines.Min, cosines.Mean, plainSeconds, secureSeconds, embedded.WeightSharingBytes + embedded.BytesSent.Sum());
    }
}
