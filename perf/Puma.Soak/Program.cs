using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Puma.Serving;
using Puma.Soak;
using Puma.Transport;

// Soak: N consecutive requests through three 'puma party' processes on loopback over mutual
// TLS, from one PumaClient. Reports failures, and each party's resident memory (VmRSS) after
// request 100 and after the last, with the growth: a leak per request shows as growth here. Its
// private part (RssAnon) too: VmRSS also counts the runtime's and the bundle's file pages, which
// the kernel drops and reads back as the machine's other processes need memory.
// Usage: dotnet run -c Release --project perf/Puma.Soak -- MODEL_DIR [REQUESTS=1000] [NEW_TOKENS=4]
if (args.Length is < 1 or > 3)
{
    Console.Error.WriteLine("usage: Puma.Soak MODEL_DIR [REQUESTS=1000] [NEW_TOKENS=4]");
    return 2;
}
var model = args[0];
var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var newTokens = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
const int Baseline = 100;
const int GiveUpAfter = 3;
int[] prompt = [1, 2, 3, 4, 5];

var folder = Directory.CreateTempSubdirectory("puma-soak-").FullName;
var parties = new List<PumaCommand>();
try
{
    var bundle = Path.Combine(folder, "bundle");
    PumaCommand.Run("share", "--model", model, "--out", bundle);
    var cluster = Path.Combine(folder, "certs", "cluster.json");
    PumaCommand.Run(["certs", "--out", Path.GetDirectoryName(cluster)!, .. FreeLoopbackPorts(3).SelectMany(port => new[] { "--party", $"127.0.0.1:{port}" })]);
    for (var id = 0; id < 3; id++)
        parties.Add(PumaCommand.Start(Path.Combine(folder, $"party{id}.log"), "party", "--id", $"{id}", "--cluster", cluster, "--bundle", Path.Combine(bundle, $"party{id}")));
    WaitUntilServing(parties);

    var file = ClusterFile.Load(cluster);
    await using var client = await PumaClient.ConnectAsync(new PumaClientOptions
    {
        Parties = [.. file.Parties.Select(party => party.Endpoint!.ToEndPoint())],
        Transport = new TransportOptions { ReceiveTimeout = TimeSpan.FromSeconds(120), ConnectTimeout = TimeSpan.FromSeconds(30), Tls = file.TlsOptionsFor(ClusterFile.ClientId) },
        ModelFolder = Path.Combine(bundle, "client"),
    });

    int[]? first = null;
    var failures = new List<string>();
    var baseline = new PartyMemory[3];
    var consecutiveFailures = 0;
    var clock = Stopwatch.StartNew();
    for (var request = 1; request <= requests; request++)
    {
        try
        {
            var ids = new List<int>();
            await foreach (var id in client.GenerateAsync(prompt, newTokens)) ids.Add(id);
            consecutiveFailures = 0;
            first ??= [.. ids];
            if (!ids.SequenceEqual(first)) failures.Add($"request {request}: ids [{string.Join(',', ids)}] differ from the first request's [{string.Join(',', first)}]");
        }
        catch (Exception failure) when (failure is PumaException or IOException)
        {
            failures.Add($"request {request}: {failure.Message}");
            Console.Error.WriteLine(failures[^1]);
            // A party that is gone fails each further request only after the connect timeout: stop instead.
            if (++consecutiveFailures == GiveUpAfter)
            {
                Console.Error.WriteLine($"stopping: the last {GiveUpAfter} requests failed");
                requests = request;
            }
        }
        if (request == Math.Min(Baseline, requests)) baseline = SettledMemory(parties);
        if (request % 100 == 0) Console.Error.WriteLine($"{request} requests, {failures.Count} failed, {clock.Elapsed.TotalSeconds:F0} s");
    }
    var final = SettledMemory(parties);

    Console.WriteLine($"{requests} requests of {newTokens} new tokens on {Path.GetFileName(Path.TrimEndingDirectorySeparator(model))}: {failures.Count} failed, {clock.Elapsed.TotalSeconds:F0} s ({clock.Elapsed.TotalSeconds / requests:F2} s per request)");
    foreach (var failure in failures.Take(20)) Console.WriteLine($"  {failure}");
    for (var id = 0; id < 3; id++)
    {
        Console.WriteLine($"party {id}: VmRSS {Change(baseline[id].Resident, final[id].Resident)} (private RssAnon {Change(baseline[id].Private, final[id].Private)})");
    }
    return failures.Count == 0 ? 0 : 1;
}
finally
{
    foreach (var party in parties) party.Dispose();
    Directory.Delete(folder, recursive: true);
}

static int[] FreeLoopbackPorts(int count)
{
    var probes = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
    foreach (var probe in probes) probe.Start();
    var ports = probes.Select(probe => ((IPEndPoint)probe.LocalEndpoint).Port).ToArray();
    foreach (var probe in probes) probe.Dispose();
    return ports;
}

string Change(long before, long after) =>
    $"{before / 1024.0:F1} MB at request {Math.Min(Baseline, requests)}, {after / 1024.0:F1} MB at request {requests}: "
    + (before > 0 && after > 0 ? $"{100.0 * (after - before) / before:+0.0;-0.0} %" : "n/a (the party was gone)");

// Each party's VmRSS and RssAnon in kB between requests, 0 for a party that is gone. The client has its
// answer before the parties have finished the request (closed its links, released its memory), so
// it waits for them to settle: a sample taken mid-request measures that request's temporaries.
static PartyMemory[] SettledMemory(List<PumaCommand> parties)
{
    Thread.Sleep(TimeSpan.FromSeconds(2));
    return [.. parties.Select(party => party.HasExited ? default : new PartyMemory(party.StatusKilobytes("VmRSS"), party.StatusKilobytes("RssAnon")))];
}

static void WaitUntilServing(List<PumaCommand> parties)
{
    var clock = Stopwatch.StartNew();
    while (!parties.All(party => File.Exists(party.LogFile) && File.ReadAllText(party.LogFile!).Contains(" serving ", StringComparison.Ordinal)))
    {
        if (clock.Elapsed > TimeSpan.FromSeconds(120) || parties.Any(party => party.HasExited))
            throw new InvalidOperationException("The parties did not start serving; see their logs.");
        Thread.Sleep(100);
    }
}

record struct PartyMemory(long Resident, long Private);
