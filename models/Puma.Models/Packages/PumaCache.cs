namespace Puma.Models.Packages;

/// <summary>
/// Where downloaded models live between runs: <c>$PUMA_CACHE</c> if set, else
/// <c>$XDG_CACHE_HOME/puma</c>, else <c>~/.cache/puma</c> (the XDG base-directory convention), so a
/// second run reuses the first run's download.
/// </summary>
public static class PumaCache
{
    public const string Variable = "PUMA_CACHE";

    public static string DefaultDirectory()
    {
        var explicitCache = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(explicitCache)) return Path.GetFullPath(explicitCache);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "puma");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home)) throw new PackageFetchException($"No cache directory: neither {Variable}, XDG_CACHE_HOME nor a home directory is set.");
        return Path.Combine(home, ".cache", "puma");
    }
}
