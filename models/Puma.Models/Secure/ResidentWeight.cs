using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>A weight whose share its source keeps in memory for its whole life (dealt shares, a recorder's placeholders): holding it costs nothing.</summary>
internal sealed class ResidentWeight(string name, AShare share) : WeightTensor(name, share.Length)
{
    protected override AShare Materialise() => share;

    protected override IRowBlockShare StreamedRows(int rows, int columns) => new ShareRowBlocks(share, rows, columns);

    protected override void Free(AShare materialised)
    {
    }
}
