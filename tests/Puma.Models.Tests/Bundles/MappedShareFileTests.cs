using Puma.Models.Bundles;

namespace Puma.Models.Tests.Bundles;

public sealed unsafe class MappedShareFileTests : IDisposable
{
    private const int Elements = 3 * 4096 + 5;
    private readonly string _path = Path.GetTempFileName();

    public MappedShareFileTests()
    {
        var bytes = new byte[Elements * sizeof(ulong)];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 7);
        File.WriteAllBytes(_path, bytes);
    }

    public void Dispose() => File.Delete(_path);

    [SkippableFact]
    public void PopulateMapsAnUnalignedRangeAndLeavesItsContents()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Environment.OSVersion.Version >= new Version(5, 14), "MADV_POPULATE_READ is Linux 5.14 and later");
        using var file = new MappedShareFile(_path, Elements * sizeof(ulong));
        Assert.True(file.Populate(offset: 3, count: Elements - 3));
        Assert.False(file.Populate(offset: 0, count: 0));
        var expected = File.ReadAllBytes(_path);
        Assert.Equal(BitConverter.ToUInt64(expected, 3 * sizeof(ulong)), *file.Element(3));
        Assert.Equal(BitConverter.ToUInt64(expected, (Elements - 1) * sizeof(ulong)), *file.Element(Elements - 1));
    }

    [Fact]
    public void AdviceOutsideTheMappingIsRefused()
    {
        using var file = new MappedShareFile(_path, Elements * sizeof(ulong));
        Assert.Throws<ArgumentOutOfRangeException>(() => file.Populate(offset: Elements - 1, count: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => file.WillNeed(offset: -1, count: 1));
    }
}
