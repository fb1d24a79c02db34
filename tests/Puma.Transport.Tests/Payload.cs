namespace Puma.Transport.Tests;

/// <summary>Deterministic message contents, so a receiver can check every byte it got.</summary>
internal static class Payload
{
    public static byte[] Create(int size, int seed)
    {
        byte[] bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
