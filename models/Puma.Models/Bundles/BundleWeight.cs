using Puma.Models.Secure;
using Puma.Protocols.Core;

namespace Puma.Models.Bundles;

/// <summary>A tensor of a <see cref="PartyBundle"/>, materialised from the mapped file and the seeds while held.</summary>
internal sealed class BundleWeight(PartyBundle bundle, BundleTensor tensor) : WeightTensor(tensor.Name, tensor.Length)
{
    public override void Prefetch() => bundle.Prefetch(tensor);

    protected override AShare Materialise() => bundle.Materialise(tensor);

    protected override void Free(AShare share) => bundle.Free(share, tensor);
}
