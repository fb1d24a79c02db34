namespace Puma.Models.Packages;

/// <summary>
/// Installing an npm package into the cache failed (npm missing, npm failing, a damaged archive).
/// An <see cref="IOException"/> so command-line front ends report it as a failed input, and the
/// message always names the command that was run and the package it was for.
/// </summary>
public sealed class PackageFetchException : IOException
{
    public PackageFetchException(string message) : base(message)
    {
    }

    public PackageFetchException(string message, Exception inner) : base(message, inner)
    {
    }
}
