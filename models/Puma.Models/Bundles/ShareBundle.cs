namespace Puma.Models.Bundles;

/// <summary>
/// The folder one <c>puma share</c> wrote (party0/, party1/, party2/, client/), for hosts that run
/// all three parties themselves (the embedded commands, tests): the public facts from the
/// manifests, checked to belong to one sharing, and each party's <see cref="PartyBundle"/> on demand.
/// </summary>
public sealed class ShareBundle
{
    private ShareBundle(string folder, BundleManifest manifest)
    {
        Folder = folder;
        Manifest = manifest;
    }

    public string Folder { get; }

    /// <summary>Party 0's manifest: family, config, fractional bits and tensor table (the same for every party).</summary>
    public BundleManifest Manifest { get; }

    public string Family => Manifest.Family;

    public static ShareBundle Open(string folder)
    {
        var manifests = Enumerable.Range(0, 3).Select(party => BundleManifestFile.Read(PartyFolder(folder, party))).ToArray();
        for (var party = 0; party < 3; party++)
        {
            var path = Path.Combine(PartyFolder(folder, party), BundleLayout.ManifestFile);
            if (manifests[party].Party != party) throw new BundleException(path, $"belongs to party {manifests[party].Party}, not {party}");
            if (manifests[party].BundleId != manifests[0].BundleId)
                throw new BundleException(path, $"is from sharing {manifests[party].BundleId}, party 0's from {manifests[0].BundleId}: shares of different sharings do not combine");
        }
        return new ShareBundle(folder, manifests[0]);
    }

    /// <summary>The family's public config record, read from the manifest.</summary>
    public TConfig Config<TConfig>() => new BundleConfig(Manifest, PartyFolder(Folder, 0)).Read<TConfig>();

    /// <summary>Requires the bundle to hold <paramref name="family"/>.</summary>
    public void Expect(string family)
    {
        if (Family != family) throw new BundleException(Folder, $"holds a {Family} model, not {family}");
    }

    /// <summary>
    /// Loads and verifies party <paramref name="party"/>'s folder, keeping <paramref name="residentBytes"/>
    /// of its weights materialised (by default its third of <see cref="PartyBundle.DefaultResidentBytes"/>:
    /// this process runs all three parties).
    /// </summary>
    public PartyBundle LoadParty(int party, long? residentBytes = null)
        => PartyBundle.Load(PartyFolder(Folder, party), residentBytes ?? PartyBundle.DefaultResidentBytes(partiesInProcess: 3));

    private static string PartyFolder(string folder, int party) => Path.Combine(folder, BundleLayout.PartyFolder(party));
}
