namespace Puma.Models.Secure;

/// <summary>
/// Where a party's weight shares come from. A model's secure weights declare every tensor by a
/// stable name, in one fixed order, through one of these: <see cref="WeightDealer"/> (the owner
/// shares them during the run), <see cref="Bundles.PartyBundle"/> (the party maps them from its
/// bundle) or <see cref="Bundles.WeightRecorder"/> (the bundle writer records them). So one
/// declaration serves every way of getting weights, and a bundle's tensor table cannot drift from
/// the forward that reads it. Each declaration answers a <see cref="WeightTensor"/> handle, whose
/// share exists while it is held (the forward's <see cref="WeightGroup"/> scopes, or the source
/// itself for the tensors it keeps resident): a model larger than memory holds one layer at a
/// time. The source owns the shares and frees them on dispose.
/// </summary>
public interface IWeightSource : IDisposable
{
    /// <summary>Fixed-point fractional bits f of the tensors unless a declaration says otherwise.</summary>
    int FractionalBits { get; }

    /// <summary>
    /// The share of tensor <paramref name="name"/> of the public <paramref name="shape"/>, in fixed
    /// point with <paramref name="fractionalBits"/> (default f). <paramref name="values"/> yields the
    /// plaintext, already folded with any public constants; it runs only where the plaintext is
    /// (the dealer's owner, the bundle writer). A share held before <see cref="Complete"/> may
    /// still be empty until then.
    /// </summary>
    WeightTensor Tensor(string name, int[] shape, Func<double[]> values, int? fractionalBits = null);

    /// <summary>Ends the declarations: the dealer deals every pending tensor, a bundle checks it held no others.</summary>
    void Complete();
}
