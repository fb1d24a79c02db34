using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>Local copies between contiguous ranges of shares (both components; no communication).</summary>
internal static class ShareSlices
{
    /// <summary>A new share holding elements [start, start + length) of <paramref name="source"/>.</summary>
    public static AShare Slice(AShare source, int start, int length)
    {
        var slice = new AShare(length);
        source.Own.Slice(start, length).CopyTo(slice.Own.Span);
        source.Next.Slice(start, length).CopyTo(slice.Next.Span);
        return slice;
    }

    /// <summary>Copies all of <paramref name="source"/> into <paramref name="destination"/> at <paramref name="offset"/>.</summary>
    public static void CopyInto(AShare source, AShare destination, int offset)
    {
        source.Own.Span.CopyTo(destination.Own.Slice(offset, source.Length));
        source.Next.Span.CopyTo(destination.Next.Slice(offset, source.Length));
    }
}
