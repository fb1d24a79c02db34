using Puma.Cli.Parsing;
using Puma.Protocols.Core;
using Puma.Protocols.Profiling;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Commands;

/// <summary>
/// How an embedded command runs its three parties, read from <c>--transport</c>, <c>--net</c>,
/// <c>--threads</c> and <c>--profile</c>: the <see cref="RunOptions"/> to pass to every secure run, and the
/// profile to write once they are done.
/// </summary>
internal sealed class SecureRun
{
    private readonly string? _profilePath;
    private readonly string _command;

    private SecureRun(RunOptions options, string transportName, string? profilePath, string command)
    {
        Options = options;
        TransportName = transportName;
        _profilePath = profilePath;
        _command = command;
    }

    public RunOptions Options { get; }

    /// <summary>"inproc", "tcp" or "tls".</summary>
    public string TransportName { get; }

    /// <summary>The links, for reports: e.g. "inproc" or "tcp, emulating lan (5000 Mbps, 1 ms round trip)".</summary>
    /// <summary>The transport as runs print it; plain TCP says that it is unencrypted.</summary>
    public string Description
    {
        get
        {
            var links = Options.Transport == TransportKind.Tcp ? $"{TransportName}, unencrypted" : TransportName;
            return Options.Network is { } network ? $"{links}, emulating {network}" : links;
        }
    }

    /// <summary>The options every embedded command declares for its parties.</summary>
    public static IReadOnlyList<OptionSpec> Declared { get; } = [SharedOptions.Transport, SharedOptions.Net, SharedOptions.Threads, SharedOptions.Profile];

    public static SecureRun Read(ParsedOptions options)
    {
        var (transport, transportName) = SharedOptions.ReadTransport(options);
        string? profilePath = options.Text(SharedOptions.Profile.Name) is { Length: > 0 } path ? path : null;
        if (profilePath is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(profilePath))))
            throw options.Invalid(SharedOptions.Profile.Name, "a file in an existing folder");
        var runOptions = new RunOptions
        {
            Transport = transport,
            Network = SharedOptions.ReadNetwork(options),
            Config = ProtocolConfig.Default with { KernelThreads = SharedOptions.ReadThreads(options, Parties.Count) },
            Profile = profilePath is null ? null : new ProfileRecorder(),
        };
        return new SecureRun(runOptions, transportName, profilePath, options.Command.FullName);
    }

    /// <summary>Writes the profile, if one was asked for; a run without parties (plaintext only) gives a profile without parties, and says so.</summary>
    public void SaveProfile(TextWriter notes)
    {
        if (Options.Profile is not null) SaveProfile(Options.Profile.ToProfile(_command, TransportName, Options.Network?.ToString()), notes);
    }

    /// <summary>Writes <paramref name="profile"/>, if a profile was asked for: a command that picks one of several runs' profiles.</summary>
    public void SaveProfile(RunProfile profile, TextWriter notes)
    {
        if (_profilePath is null) return;
        profile.Save(_profilePath);
        notes.WriteLine(profile.Parties.Count == 0
            ? $"profile: no secure run, so {_profilePath} lists no parties"
            : $"profile: wrote {_profilePath}; 'puma profile {_profilePath}' prints it");
    }
}
