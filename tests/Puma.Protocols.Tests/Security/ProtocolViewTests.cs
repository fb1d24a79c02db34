using Xunit.Abstractions;

namespace Puma.Protocols.Tests.Security;

/// <summary>
/// Every protocol of <see cref="ProtocolCatalog"/>, on each pair of <see cref="SecretInputs"/>:
/// what the parties and the client receive passes every check of <see cref="ViewAudit"/>.
/// </summary>
public class ProtocolViewTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var protocol in ProtocolCatalog.All)
        {
            foreach (var (first, second) in SecretInputs.Pairs) cases.Add(protocol.Name, first, second);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WhatEveryMemberReceivesIsIndependentOfTheSecret(string protocol, string secretA, string secretB)
    {
        var audit = ViewAudit.Audit(ProtocolCatalog.Named(protocol), ProtocolCatalog.Length, secretA, secretB);
        output.WriteLine($"{protocol}: {audit.Words} received words checked");
        Assert.True(audit.Findings.Count == 0, $"{protocol}: {string.Join("; ", audit.Findings.Take(5))}");
    }
}
