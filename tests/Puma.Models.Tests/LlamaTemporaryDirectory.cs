namespace Puma.Models.Tests;

/// <summary>An empty folder in the temp directory, deleted with its contents on dispose.</summary>
internal sealed class LlamaTemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("puma-llama-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
