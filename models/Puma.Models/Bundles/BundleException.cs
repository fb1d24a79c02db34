using Puma.Transport;

namespace Puma.Models.Bundles;

/// <summary>A party bundle is missing, malformed, corrupted or does not fit the model: the message names the file and, where one is at fault, the tensor.</summary>
public sealed class BundleException : PumaException
{
    public BundleException(string path, string problem) : base($"'{path}': {problem}") => FilePath = path;

    public BundleException(string path, string problem, Exception inner) : base($"'{path}': {problem}", inner) => FilePath = path;

    /// <summary>The bundle file at fault.</summary>
    public string FilePath { get; }
}
