using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace Puma.Models.Tests.Tokenizers;

/// <summary>
/// llama.cpp's tokenizer test vocabularies (<c>models/ggml-vocab-NAME.gguf</c> with the
/// reference texts <c>.gguf.inp</c> and ids <c>.gguf.out</c>), as shipped by npm
/// <c>node-llama-cpp</c>: its tarball carries llama.cpp's source as a git bundle
/// (<c>package/llama/gitRelease.bundle</c>). The first use packs the tarball with npm, takes the
/// bundle out with System.Formats.Tar and the needed files out of the bundle with git, into
/// <c>$PUMA_CACHE</c> (default <c>~/.cache/puma</c>); later uses read the cache only. Under CI
/// (CI=true) a failed fetch is an error; elsewhere tests skip with the reason.
/// </summary>
internal static class LlamaCppVocabFixtures
{
    /// <summary>The pinned package version; its bundle is llama.cpp at the commit it was built from.</summary>
    public const string PackageVersion = "3.22.1";

    /// <summary>Vocabularies the conformance tests read.</summary>
    public static readonly string[] Names = ["llama-spm", "phi-3", "gpt-2", "mpt", "starcoder", "refact", "llama-bpe", "qwen2", "qwen35", "command-r", "falcon", "deepseek-coder"];

    private static readonly Lazy<(string? Directory, string? Reason)> Fetched = new(Fetch);

    /// <summary>The cache folder holding the vocab files, or null (outside CI only) with why not.</summary>
    public static (string? Directory, string? Reason) Directory
    {
        get
        {
            var result = Fetched.Value;
            if (result.Directory is null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"CI=true but the llama.cpp vocab fixtures could not be fetched: {result.Reason}");
            return result;
        }
    }

    private static IEnumerable<string> FileNames =>
        Names.SelectMany(name => new[] { $"ggml-vocab-{name}.gguf", $"ggml-vocab-{name}.gguf.inp", $"ggml-vocab-{name}.gguf.out" });

    private static (string?, string?) Fetch()
    {
        var cache = Environment.GetEnvironmentVariable("PUMA_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "puma");
        var directory = Path.Combine(cache, $"node-llama-cpp-{PackageVersion}", "vocab");
        if (FileNames.All(name => File.Exists(Path.Combine(directory, name)))) return (directory, null);
        try
        {
            Extract(directory);
            return (directory, null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return (null, e.Message);
        }
    }

    private static void Extract(string directory)
    {
        var work = System.IO.Directory.CreateTempSubdirectory("puma-vocab-").FullName;
        try
        {
            Run("npm", ["pack", $"node-llama-cpp@{PackageVersion}", "--pack-destination", work, "--silent"], work, null);
            var tarball = System.IO.Directory.GetFiles(work, "*.tgz").SingleOrDefault()
                ?? throw new IOException($"npm pack left no tarball in '{work}'");
            var bundle = Path.Combine(work, "gitRelease.bundle");
            ExtractEntry(tarball, "package/llama/gitRelease.bundle", bundle);
            var repository = Path.Combine(work, "repository.git");
            Run("git", ["clone", "--quiet", "--bare", bundle, repository], work, null);

            System.IO.Directory.CreateDirectory(directory);
            foreach (var name in FileNames)
            {
                var partial = Path.Combine(directory, name + ".partial");
                using (var output = File.Create(partial))
                    Run("git", ["--git-dir", repository, "cat-file", "blob", $"HEAD:models/{name}"], work, output);
                File.Move(partial, Path.Combine(directory, name), overwrite: true);
            }
        }
        finally
        {
            System.IO.Directory.Delete(work, recursive: true);
        }
    }

    private static void ExtractEntry(string tarball, string entryName, string destination)
    {
        using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name != entryName) continue;
            entry.ExtractToFile(destination, overwrite: true);
            return;
        }
        throw new IOException($"'{tarball}' has no {entryName}");
    }

    /// <summary>Runs a tool to completion; its stdout goes to <paramref name="output"/> (or is discarded).</summary>
    private static void Run(string tool, string[] arguments, string workingDirectory, Stream? output)
    {
        var start = new ProcessStartInfo(tool, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start) ?? throw new IOException($"could not start {tool}");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output ?? Stream.Null);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new IOException($"'{tool} {string.Join(' ', arguments)}' exited with {process.ExitCode}: {error.Result.Trim()}");
    }
}
