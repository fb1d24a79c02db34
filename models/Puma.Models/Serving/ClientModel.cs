using Puma.Models.Bundles;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Models.Tokenizers;
using Puma.Models.UseLite;
using Puma.Protocols.Runtime;

namespace Puma.Models.Serving;

/// <summary>
/// The client's side of a served model, from the public manifest of its client folder: it checks
/// inputs against the public config, states the public request, and runs the client's half of the
/// protocol (sharing its tokens, reconstructing what only it receives).
/// </summary>
public sealed class ClientModel
{
    private readonly object _config;

    private ClientModel(BundleManifest manifest, object config)
    {
        Manifest = manifest;
        _config = config;
    }

    public BundleManifest Manifest { get; }

    public string Family => Manifest.Family;

    public int FractionalBits => Manifest.FractionalBits;

    /// <summary>Reads a client folder (client/ of <c>puma share</c>) or any party folder of the same sharing.</summary>
    public static ClientModel Open(string folder)
    {
        var manifest = BundleManifestFile.Read(folder);
        var config = new BundleConfig(manifest, folder);
        object typed = manifest.Family switch
        {
            ModelFamilies.Gpt2 => config.Read<Gpt2Config>(),
            ModelFamilies.Bert => config.Read<BertConfig>(),
            ModelFamilies.Llama => config.Read<LlamaConfig>(),
            ModelFamilies.UseLite => CheckedUseLite(config, folder),
            _ => throw new BundleException(Path.Combine(folder, BundleLayout.ManifestFile), $"family '{manifest.Family}' cannot be served (gpt2, bert, llama or use-lite)"),
        };
        return new ClientModel(manifest, typed);
    }

    private static UseLiteConfig CheckedUseLite(BundleConfig config, string folder)
    {
        try
        {
            return config.Read<UseLiteConfig>().Checked();
        }
        catch (InvalidDataException failure)
        {
            throw new BundleException(Path.Combine(folder, BundleLayout.ManifestFile), $"config does not describe a valid use-lite model: {failure.Message}", failure);
        }
    }

    /// <summary>The longest input, in tokens: the context of a language model or classifier, USE-Lite's clipping length.</summary>
    public int MaxInputTokens => _config switch
    {
        Gpt2Config gpt2 => gpt2.ContextLength,
        BertConfig bert => bert.MaxPositions,
        LlamaConfig llama => llama.MaxSequenceLength,
        UseLiteConfig useLite => useLite.MaxTokens,
        _ => throw new InvalidOperationException($"A {Family} model has no input length."),
    };

    /// <summary>The token ids a language model predicts over (its logits per position); 0 for the others.</summary>
    public int VocabSize => _config switch
    {
        Gpt2Config gpt2 => gpt2.VocabSize,
        LlamaConfig llama => llama.VocabSize,
        _ => 0,
    };

    /// <summary>The width of a USE-Lite embedding; 0 for the other models.</summary>
    public int EmbeddingWidth => _config is UseLiteConfig useLite ? useLite.Shape.Width : 0;

    /// <summary>Class names of a BERT classifier; empty for language models.</summary>
    public IReadOnlyList<string> Labels => _config is BertConfig bert ? bert.Labels : [];

    /// <summary>The request for a greedy generation of up to <paramref name="maxNewTokens"/> tokens; 0 new tokens when the context is full.</summary>
    public ModelRequest Generation(int[] promptIds, int maxNewTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxNewTokens);
        var count = _config switch
        {
            Gpt2Config gpt2 => Validated(gpt2.VocabSize, gpt2.ContextLength),
            LlamaConfig llama => Validated(llama.VocabSize, llama.MaxSequenceLength),
            _ => throw new InvalidOperationException($"A {Family} model does not generate text."),
        };
        return new ModelRequest(RequestKind.Generate, [promptIds.Length], count);

        int Validated(int vocab, int context)
        {
            ClientTokens.Validate([promptIds], vocab, context, nameof(promptIds));
            return GreedyGeneration.Count(context, promptIds.Length, maxNewTokens);
        }
    }

    /// <summary>The client's side of <paramref name="request"/> from <see cref="Generation"/>: the generated ids, each passed to <paramref name="onToken"/> as it arrives.</summary>
    public int[] Generate(OutsideParty client, int[] promptIds, ModelRequest request, Action<int>? onToken = null) => _config switch
    {
        Gpt2Config gpt2 => GreedyGeneration.Client(client, gpt2.VocabSize, promptIds, request.NewTokens, onToken).Ids,
        LlamaConfig llama => GreedyGeneration.Client(client, llama.VocabSize, promptIds, request.NewTokens, onToken).Ids,
        _ => throw new InvalidOperationException($"A {Family} model does not generate text."),
    };

    /// <summary>The request for the class logits of each text (its token ids and type ids).</summary>
    public ModelRequest Classification(IReadOnlyList<EncodedText> texts)
    {
        var bert = _config as BertConfig ?? throw new InvalidOperationException($"A {Family} model is not a classifier.");
        ClientTokens.Validate([.. texts.Select(text => text.Ids)], bert.VocabSize, bert.MaxPositions, nameof(texts));
        ClientTokens.ValidateTypes(texts, bert.TypeVocabSize, nameof(texts));
        return new ModelRequest(RequestKind.Classify, [.. texts.Select(text => text.Ids.Length)], 0);
    }

    /// <summary>The client's side of a classification: each text's class logits.</summary>
    public double[][] Classify(OutsideParty client, IReadOnlyList<EncodedText> texts, Action<int>? onTextDone = null)
        => SecureBert.Client(client, (BertConfig)_config, texts, FractionalBits, onTextDone);

    /// <summary>The request for every position's next-token logits of each window (GPT-2).</summary>
    public ModelRequest WindowLogits(IReadOnlyList<int[]> windows)
    {
        var gpt2 = _config as Gpt2Config ?? throw new InvalidOperationException($"A {Family} model does not serve window logits.");
        ClientTokens.Validate(windows, gpt2.VocabSize, gpt2.ContextLength, nameof(windows));
        return new ModelRequest(RequestKind.Logits, [.. windows.Select(window => window.Length)], 0);
    }

    /// <summary>The client's side of window logits: one row of [vocab] logits per position, window after window.</summary>
    public double[][] Logits(OutsideParty client, IReadOnlyList<int[]> windows, Action<int>? onWindowDone = null)
    {
        var gpt2 = (Gpt2Config)_config;
        return SecureGpt2.WindowClient(client, gpt2, windows, FractionalBits, onWindowDone,
            (_, logits, length) => [.. Enumerable.Range(0, length).Select(position => logits.AsSpan(position * gpt2.VocabSize, gpt2.VocabSize).ToArray())]);
    }

    /// <summary>The request for the sentence embedding of each text (USE-Lite); each text's ids already clipped to <see cref="MaxInputTokens"/>.</summary>
    public ModelRequest Embedding(IReadOnlyList<int[]> texts)
    {
        var useLite = _config as UseLiteConfig ?? throw new InvalidOperationException($"A {Family} model does not embed sentences.");
        ClientTokens.Validate(texts, useLite.Shape.VocabularyRows, useLite.MaxTokens, nameof(texts));
        return new ModelRequest(RequestKind.Embed, [.. texts.Select(text => text.Length)], 0);
    }

    /// <summary>The client's side of an embedding: each text's L2-normalised embedding.</summary>
    public double[][] Embed(OutsideParty client, IReadOnlyList<int[]> texts, Action<int>? onTextDone = null)
        => SecureUseLite.EmbedClient(client, ((UseLiteConfig)_config).Shape, texts, FractionalBits, onTextDone);
}
