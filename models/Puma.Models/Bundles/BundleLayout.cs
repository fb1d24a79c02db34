namespace Puma.Models.Bundles;

/// <summary>
/// The fixed facts of the bundle format. A sharing writes x = x0 + x1 + x2 with x0 = F(k0) and
/// x1 = F(k1) from two CSPRNG seeds and x2 = x − x0 − x1 explicit, so party 0 (x0, x1) holds two
/// seeds, party 1 (x1, x2) the seed k1 and the x2 file, party 2 (x2, x0) the x2 file and k0:
/// at most 8 bytes per parameter on any party's disk, and parties 1 and 2 on one host may share
/// one x2 file (the writer hard-links it).
/// </summary>
public static class BundleLayout
{
    public const string FormatName = "puma-party-bundle";
    public const int FormatVersion = 1;

    public const string ManifestFile = "manifest.json";
    public const string SeedsFile = "seeds.bin";
    public const string ComponentFile = "component2.bin";
    public const string ClientFolder = "client";

    /// <summary>Tensors start on 64-byte boundaries: 8 elements.</summary>
    public const int AlignmentElements = 8;

    /// <summary>Bytes of one seed (AES-128 key).</summary>
    public const int SeedBytes = 16;

    public static string PartyFolder(int party) => $"party{party}";

    /// <summary>Where party p's own (x_p) and next (x_{p+1}) components come from.</summary>
    public static (BundleComponent Own, BundleComponent Next) Components(int party) => party switch
    {
        0 => (new(BundleComponentKind.Seed, 0, 0), new(BundleComponentKind.Seed, 1, 1)),
        1 => (new(BundleComponentKind.Seed, 1, 0), new(BundleComponentKind.File, 2, null)),
        2 => (new(BundleComponentKind.File, 2, null), new(BundleComponentKind.Seed, 0, 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(party), party, "Parties are 0, 1 and 2."),
    };

    /// <summary>The seeds (by component 0, 1) in party p's seeds file, in order.</summary>
    public static int[] SeedComponents(int party) => party switch
    {
        0 => [0, 1],
        1 => [1],
        2 => [0],
        _ => throw new ArgumentOutOfRangeException(nameof(party), party, "Parties are 0, 1 and 2."),
    };
}
