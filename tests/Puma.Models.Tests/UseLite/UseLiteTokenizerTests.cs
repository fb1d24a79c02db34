namespace Puma.Models.Tests.UseLite;

/// <summary>The unigram tokenizer against the ids of the package's JavaScript runtime.</summary>
[Collection(UseLiteCollection.Name)]
public class UseLiteTokenizerTests(UseLiteFixture fixture)
{
    [SkippableFact]
    public void IdsEqualTheJavaScriptRuntimeOnAllReferenceSentences()
    {
        Assert.Equal(60, fixture.Cases.Count);
        foreach (var item in fixture.Cases) Assert.Equal(item.Ids, fixture.Model.Encode(item.Text));
    }

    [SkippableFact]
    public void WordsStartWithTheBoundaryPiece()
    {
        var tokenizer = fixture.Model.Tokenizer;
        var ids = tokenizer.Encode("the cat");
        Assert.Equal("▁the ▁cat", string.Join(' ', ids.Select(tokenizer.Piece)));
        Assert.Empty(tokenizer.Encode(""));
    }

    [SkippableFact]
    public void UnknownCharactersBecomeOneUnknownId()
    {
        var ids = fixture.Model.Tokenizer.Encode("a \u4e00\u4e01\u4e02 b");
        Assert.Single(ids, 0);
        Assert.Equal(fixture.Model.Tokenizer.Encode("a"), ids[..1]);
    }
}
