using Puma.Models.Bundles;
using Puma.Models.Serving;
using Puma.Protocols.Runtime;

namespace Puma.Models.Tests.Bundles;

/// <summary>The three parties of one bundle folder loaded as their servers load them, with one residency budget, serving requests in this process.</summary>
internal sealed class ServedParties : IDisposable
{
    private readonly PartyModel[] _models;

    public ServedParties(string folder, long residentBytes)
    {
        Bundles = [.. Enumerable.Range(0, 3).Select(party => PartyBundle.Load(Path.Combine(folder, BundleLayout.PartyFolder(party)), residentBytes))];
        _models = [.. Bundles.Select(PartyModel.Load)];
        Client = ClientModel.Open(Path.Combine(folder, BundleLayout.ClientFolder));
    }

    public PartyBundle[] Bundles { get; }

    public ClientModel Client { get; }

    /// <summary>Runs <paramref name="request"/> at the three parties and <paramref name="client"/> at the client; returns the client's result.</summary>
    public T Serve<T>(ModelRequest request, Func<OutsideParty, T> client)
        => ThreePartyRunner.Run(
            context =>
            {
                _models[context.Id].Serve(context, request);
                return true;
            },
            client).Outside;

    public void Dispose()
    {
        foreach (var model in _models) model.Dispose();
    }
}
