using System.Security.Cryptography;

namespace Puma.Transport.Tests;

/// <summary>
/// Message contents that a receiver can check byte by byte: windows of one random pool, made once
/// (generating fresh random bytes per message would dominate the large tests' run time).
/// </summary>
internal static class Payload
{
    private const int MaxSize = 64 << 20, Offsets = 1 << 20;
    private static readonly byte[] Pool = CreatePool();

    /// <summary>The same (size, seed) always gives the same bytes; different seeds give different bytes.</summary>
    public static byte[] Create(int size, int seed) => Pool.AsSpan(seed % Offsets, size).ToArray();

    private static byte[] CreatePool()
    {
        byte[] pool = new byte[MaxSize + Offsets];
        RandomNumberGenerator.Fill(pool);
        return pool;
    }
}
