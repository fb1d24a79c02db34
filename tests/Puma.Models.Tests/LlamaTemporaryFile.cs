namespace Puma.Models.Tests;

/// <summary>A file in the temp folder holding given bytes, deleted on dispose.</summary>
internal sealed class LlamaTemporaryFile : IDisposable
{
    public LlamaTemporaryFile(byte[] contents)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"puma-models-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(Path, contents);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
