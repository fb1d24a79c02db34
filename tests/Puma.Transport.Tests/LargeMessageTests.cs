namespace Puma.Transport.Tests;

public sealed class LargeMessageTests
{
    [Fact]
    public async Task Message_BeyondTwoGiB_CrossesTcpFromNativeMemory()
    {
        const long length = (1L << 31) + 4096;
        using var source = new NativeBlock(length);
        using var destination = new NativeBlock(length);
        source.FillPattern();
        var (a, b) = await TcpPairs.ConnectAsync(new(), new());
        using var _ = a;
        using var __ = b;
        var sendParts = Array.ConvertAll(source.Parts(), part => (ReadOnlyMemory<byte>)part);

        await Task.WhenAll(a.SendAsync(sendParts).AsTask(), b.ReceiveAsync(destination.Parts()).AsTask());

        Assert.True(source.ContentEquals(destination));
        Assert.Equal((length, 1L), (b.Counters.BytesReceived, b.Counters.MessagesReceived));
    }

    [Fact]
    public unsafe void Split_CoversTheWholeRangeInBoundedParts()
    {
        const long length = 3L * NativeMemoryManager.MaxPartLength + 5;
        byte* unused = (byte*)0x1000; // never dereferenced: only the parts' lengths are checked

        var parts = NativeMemoryManager.Split(unused, length);

        Assert.Equal(4, parts.Length);
        Assert.Equal(length, parts.Sum(part => (long)part.Length));
        Assert.All(parts, part => Assert.InRange(part.Length, 1, NativeMemoryManager.MaxPartLength));
    }
}
