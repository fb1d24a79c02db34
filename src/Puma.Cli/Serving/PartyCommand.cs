using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Puma.Cli.Commands;
using Puma.Cli.Output;
using Puma.Cli.Parsing;
using Puma.Models.Bundles;
using Puma.Models.Serving;
using Puma.Protocols.Core;
using Puma.Protocols.Profiling;
using Puma.Serving;

namespace Puma.Cli.Serving;

/// <summary><c>puma party</c>: one long-running party of a three-host deployment.</summary>
internal static class PartyCommand
{
    private static readonly OptionSpec Id = new("id", "this party: 0, 1 or 2", "I", "");
    private static readonly OptionSpec Bundle = new("bundle", "this party's folder of 'puma share' (partyI/)", "DIR", "");
    private static readonly OptionSpec Queue = new("queue", "requests party 0 keeps waiting; more are answered busy", "N", "4");
    private static readonly OptionSpec ProfileOption = new("profile", "after each request, write this party's time, bytes and rounds per operator over the requests so far to this JSON file ('puma profile FILE.json' prints it)", "FILE.json", "");

    public static CommandSpec Spec { get; } = new(
        "party",
        "run one party server over mutual TLS",
        "Loads and verifies this party's bundle once (the weight shares that fit --resident-weights-mb are materialised then and kept; the rest are regenerated for each request), listens on its endpoint from the cluster file, and serves client requests one at a time, in party 0's order, over fresh mutual-TLS links to the other two parties and the client. Every link checks protocol version, bundle format, model and fractional bits; a mismatch is refused naming the difference. A request that fails (a peer lost, silent past --timeout, or misbehaving) fails on every party, and the server goes on with the next. One log line per request. Stop it with Ctrl+C or SIGTERM.",
        [Id, ClusterLinks.ClusterOption, Bundle, SharedOptions.Threads, SharedOptions.ResidentWeights, Queue, ClusterLinks.Timeout, ClusterLinks.InsecurePlaintext, SharedOptions.Net, ProfileOption],
        Execute);

    private static int Execute(ParsedOptions options, TextWriter output, TextWriter error)
    {
        if (options.Text(Id.Name).Length == 0) throw options.Invalid(Id.Name, "0, 1 or 2");
        var id = options.Integer(Id.Name, 0, 2);
        var folder = options.Text(Bundle.Name);
        if (folder.Length == 0) throw options.Invalid(Bundle.Name, $"this party's bundle folder (party{id}/ of 'puma share')");
        var threads = SharedOptions.ReadThreads(options, partiesInProcess: 1);
        var residentBytes = SharedOptions.ReadResidentWeightBytes(options, partiesInProcess: 1);
        var links = ClusterLinks.Read(options, id);
        var endpoint = links.Cluster.Parties[id].Endpoint!;

        using var loggers = LoggerFactory.Create(builder => builder.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; }));
        var logger = loggers.CreateLogger("puma.party");
        PartyBundle bundle;
        using (var progress = ProgressRenderer.For(error)) bundle = PartyBundle.Load(folder, residentBytes, progress, threads);
        if (bundle.Party != id)
        {
            bundle.Dispose();
            throw new BundleException(folder, $"is party {bundle.Party}'s bundle, not party {id}'s");
        }
        var model = PartyModel.Load(bundle);
        var network = SharedOptions.ReadNetwork(options);
        var profilePath = options.Text(ProfileOption.Name);
        var recorder = new ProfileRecorder();
        var security = links.Transport.Tls is null ? "tcp" : "tls";
        var server = PartyServer.Start(new PartyServerOptions
        {
            Id = id,
            Listen = new IPEndPoint(IPAddress.TryParse(endpoint.Host, out var address) ? address : IPAddress.IPv6Any, endpoint.Port),
            Parties = links.Parties,
            Transport = links.Transport,
            Protocol = ProtocolConfig.Default with { FractionalBits = bundle.FractionalBits, ReceiveTimeout = links.Transport.ReceiveTimeout, KernelThreads = threads },
            QueueCapacity = options.Integer(Queue.Name, 1, 1 << 16),
            RendezvousTimeout = links.Transport.ReceiveTimeout,
            Logger = logger,
            Network = network,
            AfterRequest = profilePath.Length == 0 ? null : (context, elapsed) =>
            {
                lock (recorder)
                {
                    recorder.Record(context, elapsed);
                    recorder.ToProfile($"party {id}", security, network?.ToString()).Save(profilePath);
                }
            },
        }, model);
        logger.LogInformation("Party {Party} serving {Family} bundle {Bundle} on {Endpoint} ({Security}), {ResidentMb} MB of weight shares resident", id, bundle.Manifest.Family, bundle.Manifest.BundleId,
            server.LocalEndPoint, links.Transport.Tls is null ? "PLAINTEXT, loopback only" : "mutual TLS 1.3", model.ResidentWeightBytes >> 20);
        WaitForStop();
        logger.LogInformation("Party {Party} stopping", id);
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return PumaCommands.Success;
    }

    /// <summary>Blocks until Ctrl+C or SIGTERM.</summary>
    private static void WaitForStop()
    {
        using var stop = new ManualResetEventSlim();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Set(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Set(); });
        stop.Wait();
    }
}
