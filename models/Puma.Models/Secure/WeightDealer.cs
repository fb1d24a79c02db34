using Puma.Protocols.Core;
using Puma.Protocols.Net;
using Puma.Simd;
using Puma.Models.Progress;

namespace Puma.Models.Secure;

/// <summary>
/// Shares a model's tensors from the model owner, computing party <see cref="Owner"/>, in fixed
/// point during the run (the embedded path; party servers map bundles instead). Every party
/// declares the same tensors in the same order (<see cref="Tensor"/> returns the share, still
/// empty); <see cref="Complete"/> then shares them with the seed-compressed input of
/// <see cref="InputDealing"/>, one round per <see cref="RoundElements"/> of weights (one round for
/// every fixture model). Each tensor's dense component is received straight into the share that
/// keeps it and the seed components are expanded in place, so a party never holds a second copy
/// of the model: only the owner's outgoing packages of one round are extra. The value factories
/// run only at the owner; the other parties learn only random shares and the public shapes. The
/// owner reports its progress as <see cref="ProgressStages.DealingWeights"/>: the bytes encoded.
/// </summary>
internal sealed class WeightDealer(PartyContext context, IProgress<ProgressStep>? progress = null) : IWeightSource
{
    /// <summary>The computing party that holds the plaintext weights.</summary>
    public const int Owner = 0;

    /// <summary>Weights per input round: 256 MB of outgoing packages at the owner.</summary>
    public const int RoundElements = 1 << 25;

    private readonly List<(AShare Share, string Name, Func<double[]> Values, int FractionalBits)> _pending = [];
    private readonly List<AShare> _all = [];

    public int FractionalBits => context.Config.FractionalBits;

    public WeightTensor Tensor(string name, int[] shape, Func<double[]> values, int? fractionalBits = null)
    {
        var share = new AShare(NativeArray.Uninitialized(WeightSourceExtensions.Length(name, shape)), NativeArray.Uninitialized(WeightSourceExtensions.Length(name, shape)));
        _all.Add(share);
        _pending.Add((share, name, values, fractionalBits ?? FractionalBits));
        return new ResidentWeight(name, share);
    }

    /// <summary>Shares every tensor declared since the last call.</summary>
    public void Complete()
    {
        var dealing = new ProgressCounter(context.Id == Owner ? progress : null, ProgressStages.DealingWeights,
            _pending.Sum(tensor => (long)tensor.Share.Length) * sizeof(ulong));
        var start = 0;
        while (start < _pending.Count)
        {
            var end = start + 1;
            long elements = _pending[start].Share.Length;
            while (end < _pending.Count && elements + _pending[end].Share.Length <= RoundElements) elements += _pending[end++].Share.Length;
            DealRound(start, end, dealing);
            start = end;
        }
        dealing.Complete();
        _pending.Clear();
    }

    public void Dispose()
    {
        foreach (var share in _all) share.Dispose();
        _all.Clear();
        _pending.Clear();
    }

    private void DealRound(int start, int end, ProgressCounter dealing)
    {
        using var _ = context.Scope("input");
        if (context.Id == Owner) DealAsOwner(start, end, dealing);
        else Receive(start, end);
    }

    private void DealAsOwner(int start, int end, ProgressCounter progressOf)
    {
        var dealings = new List<InputDealing>(end - start);
        try
        {
            for (var t = start; t < end; t++)
            {
                var dealing = InputDealing.Create(Encode(_pending[t]));
                dealings.Add(dealing);
                progressOf.Advance((long)dealing.Dense.Length * sizeof(ulong));
                foreach (var (peer, party) in new[] { (Peer.Next, Parties.Next(Owner)), (Peer.Prev, Parties.Prev(Owner)) })
                {
                    context.Net.Send(peer, dealing.Seeds, InputDealing.SeedOffsetFor(party), InputDealing.SeedWordsFor(party));
                    context.Net.Send(peer, dealing.Dense, 0, InputDealing.DenseWordsFor(party, dealing.Dense.Length));
                }
            }
            context.Net.Exchange();
            for (var t = start; t < end; t++)
            {
                var dealing = dealings[t - start];
                var share = _pending[t].Share;
                var ownerSeeds = dealing.Seeds.Span.Slice(InputDealing.SeedOffsetFor(Owner), InputDealing.SeedWordsFor(Owner));
                InputDealing.Open(Owner, ownerSeeds, dealing.Dense.Span, share.Own, share.Next);
            }
        }
        finally
        {
            foreach (var dealing in dealings) dealing.Dispose();
        }
    }

    /// <summary>
    /// A receiving party holds component 2 (x − F(k0) − F(k1), sent dense) and one seed component:
    /// the dense part lands in the share's own buffer for it and the seed is expanded next to it.
    /// </summary>
    private void Receive(int start, int end)
    {
        var from = Owner == Parties.Next(context.Id) ? Peer.Next : Peer.Prev;
        var seedWords = InputDealing.SeedWordsFor(context.Id);
        using var seeds = new NativeArray((end - start) * seedWords);
        var denseIsOwn = context.Id == 2;
        for (var t = start; t < end; t++)
        {
            var share = _pending[t].Share;
            context.Net.Receive(from, seeds, (t - start) * seedWords, seedWords);
            context.Net.Receive(from, denseIsOwn ? share.Own : share.Next);
        }
        context.Net.Exchange();
        for (var t = start; t < end; t++)
        {
            var share = _pending[t].Share;
            InputDealing.Expand(seeds.Span.Slice((t - start) * seedWords, seedWords), (denseIsOwn ? share.Next : share.Own).Span);
        }
    }

    private static ulong[] Encode((AShare Share, string Name, Func<double[]> Values, int FractionalBits) tensor)
    {
        var plain = tensor.Values();
        if (plain.Length != tensor.Share.Length) throw new ArgumentException($"Tensor '{tensor.Name}' has {plain.Length} values where the config calls for {tensor.Share.Length}.");
        var encoded = new ulong[plain.Length];
        FixedPoint.Encode(plain, encoded, tensor.FractionalBits);
        return encoded;
    }
}
