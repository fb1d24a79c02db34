using Puma.Models.Bundles;
using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Models.UseLite;
using Puma.Protocols.Core;

namespace Puma.Models.Serving;

/// <summary>
/// A model loaded once at one party from its bundle and kept for every request: the party
/// server's model. <see cref="Serve"/> runs the party's side of one request on a fresh context.
/// </summary>
public sealed class PartyModel : IDisposable
{
    private readonly PartyBundle _bundle;
    private readonly IDisposable _weights;
    private readonly Action<PartyContext, ModelRequest> _serve;

    private PartyModel(PartyBundle bundle, IDisposable weights, Action<PartyContext, ModelRequest> serve)
    {
        _bundle = bundle;
        _weights = weights;
        _serve = serve;
    }

    public BundleManifest Manifest => _bundle.Manifest;

    /// <summary>Bytes of weight components kept in memory between requests (the bundle's residency budget decides; the rest stream).</summary>
    public long ResidentWeightBytes => _bundle.ResidentBytes;

    /// <summary>Builds the family's secure weights over <paramref name="bundle"/>, which the model owns from then on; its resident weights are materialised now.</summary>
    /// <exception cref="BundleException">The manifest's config or tensor table does not make a model of its family.</exception>
    public static PartyModel Load(PartyBundle bundle)
    {
        try
        {
            return Build(bundle);
        }
        catch (Exception failure) when (failure is not BundleException)
        {
            throw new BundleException(Path.Combine(bundle.Folder, BundleLayout.ManifestFile), $"config does not describe a valid {bundle.Manifest.Family} model: {failure.Message}", failure);
        }
    }

    private static PartyModel Build(PartyBundle bundle)
    {
        var manifest = bundle.Manifest;
        var config = new BundleConfig(manifest, bundle.Folder);
        switch (manifest.Family)
        {
            case ModelFamilies.Gpt2:
            {
                var weights = SecureGpt2Weights.From(bundle, config.Read<Gpt2Config>(), null);
                return new PartyModel(bundle, weights, (context, request) => ServeGpt2(context, weights, request));
            }
            case ModelFamilies.Bert:
            {
                var weights = SecureBertWeights.From(bundle, config.Read<BertConfig>(), null);
                return new PartyModel(bundle, weights, (context, request) => ServeBert(context, weights, request));
            }
            case ModelFamilies.Llama:
            {
                var weights = SecureLlamaWeights.From(bundle, config.Read<LlamaConfig>(), null);
                return new PartyModel(bundle, weights, (context, request) => ServeLlama(context, weights, request));
            }
            case ModelFamilies.UseLite:
            {
                var useLite = config.Read<UseLiteConfig>().Checked();
                var weights = SecureUseLiteWeights.From(bundle, useLite.Shape, null);
                return new PartyModel(bundle, weights, (context, request) => ServeUseLite(context, weights, useLite, request));
            }
            default:
                bundle.Dispose();
                throw new BundleException(Path.Combine(bundle.Folder, BundleLayout.ManifestFile), $"family '{manifest.Family}' cannot be served (gpt2, bert, llama or use-lite)");
        }
    }

    /// <summary>Runs this party's side of <paramref name="request"/>; throws <see cref="InvalidDataException"/> if the model cannot run it.</summary>
    public void Serve(PartyContext context, ModelRequest request) => _serve(context, request);

    public void Dispose() => _weights.Dispose();

    private static void ServeGpt2(PartyContext context, SecureGpt2Weights weights, ModelRequest request)
    {
        var config = weights.Config;
        RequestRules.CheckLengths(request, config.ContextLength);
        switch (request.Kind)
        {
            case RequestKind.Generate:
                RequestRules.CheckGeneration(request, GreedyGeneration.MostTokens(config.ContextLength, request.Lengths[0]));
                SecureGpt2.GenerateParty(context, weights, request.Lengths[0], request.NewTokens);
                break;
            case RequestKind.Logits:
                SecureGpt2.WindowParty(context, weights, request.Lengths);
                break;
            default:
                throw RequestRules.Unsupported(request, ModelFamilies.Gpt2);
        }
    }

    private static void ServeBert(PartyContext context, SecureBertWeights weights, ModelRequest request)
    {
        RequestRules.CheckLengths(request, weights.Config.MaxPositions);
        if (request.Kind != RequestKind.Classify) throw RequestRules.Unsupported(request, ModelFamilies.Bert);
        SecureBert.Party(context, weights, request.Lengths);
    }

    private static void ServeLlama(PartyContext context, SecureLlamaWeights weights, ModelRequest request)
    {
        RequestRules.CheckLengths(request, weights.Config.MaxSequenceLength);
        if (request.Kind != RequestKind.Generate) throw RequestRules.Unsupported(request, ModelFamilies.Llama);
        RequestRules.CheckGeneration(request, GreedyGeneration.MostTokens(weights.Config.MaxSequenceLength, request.Lengths[0]));
        SecureLlama.Party(context, weights, request.Lengths[0], request.NewTokens);
    }

    private static void ServeUseLite(PartyContext context, SecureUseLiteWeights weights, UseLiteConfig config, ModelRequest request)
    {
        RequestRules.CheckLengths(request, config.MaxTokens);
        if (request.Kind != RequestKind.Embed) throw RequestRules.Unsupported(request, ModelFamilies.UseLite);
        SecureUseLite.EmbedParty(context, weights, config, request.Lengths);
    }
}
