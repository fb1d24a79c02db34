namespace Puma.Transport.Tests;

/// <summary>A cluster made by <see cref="ClusterKeys.Create"/> in a fresh temporary folder, deleted on dispose.</summary>
internal sealed class ClusterFolder : IDisposable
{
    public static readonly ClusterEndpoint[] Endpoints = [new("127.0.0.1", 7101), new("party1.example", 7102), new("::1", 7103)];

    public ClusterFolder()
    {
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"puma-cluster-{Guid.NewGuid():N}")).FullName;
        Cluster = ClusterKeys.Create(System.IO.Path.Combine(Path, "keys"), Endpoints, protocolVersion: 7, replace: false);
    }

    /// <summary>The temporary folder; the cluster is in its "keys" subfolder.</summary>
    public string Path { get; }

    public ClusterFile Cluster { get; }

    public string ClusterPath => Cluster.Source!;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
