namespace Puma.Protocols.Tests.Security;

/// <summary>
/// Each check of <see cref="ViewAudit"/> can fail: the leaky fakes of <see cref="LeakyProtocols"/>
/// are rejected, each by the check meant for its leak (and, where the leak shows nowhere else, by
/// that check alone), while the same fake with a fresh pad passes every check.
/// </summary>
public class LeakDetectionTests
{
    [Fact]
    public void AFreshPadPassesEveryCheck() => Assert.Empty(ViewAudit.Audit(LeakyProtocols.Named("fresh_pad"), ProtocolCatalog.Length, "zeros", "random").Findings);

    [Theory]
    [InlineData("no_pad", "Uniformity", false)]
    [InlineData("no_pad", "TwoSample", false)]
    [InlineData("low_bits_pad", "Uniformity", false)]
    [InlineData("secret_dependent_length", "TwoSample", true)]
    [InlineData("reused_pad", "PadReuse", true)]
    [InlineData("negated_pad", "PadReuse", true)]
    [InlineData("fixed_seed_pad", "CrossRun", true)]
    [InlineData("intermediate_to_client", "ClientOutput", true)]
    [InlineData("raw_component", "Opening", true)]
    public void TheCheckRejectsTheLeak(string leak, string checkName, bool alone)
    {
        var check = Enum.Parse<ViewCheck>(checkName);
        var findings = ViewAudit.Audit(LeakyProtocols.Named(leak), ProtocolCatalog.Length, "zeros", "random").Findings;
        Assert.Contains(findings, f => f.Check == check);
        if (alone) Assert.All(findings, f => Assert.Equal(check, f.Check));
    }
}
