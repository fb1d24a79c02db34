using Puma.Models.Secure;
using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;

namespace Puma.Models.Bundles;

/// <summary>A tensor of a <see cref="PartyBundle"/>, materialised from the mapped file and the seeds while held, or read from them a block of rows at a time.</summary>
internal sealed class BundleWeight(PartyBundle bundle, BundleTensor tensor) : WeightTensor(tensor.Name, tensor.Length)
{
    public override void Prefetch() => bundle.Prefetch(tensor);

    protected override AShare Materialise() => bundle.Materialise(tensor);

    protected override void Free(AShare share) => bundle.Free(share, tensor);

    protected override IRowBlockShare StreamedRows(int rows, int columns) => new BundleRowBlocks(bundle, tensor, rows, columns);
}
