using WebMail.Mail.Actions;

namespace WebMail.Mail.Tests.Actions;

/// <summary>How a selection is cut into commands: few for ranges, short enough lines for scattered UIDs.</summary>
public sealed class UidChunksTests
{
    [Fact]
    public void Split_OneHundredThousandInARange_GivesTwentyCommandsOfFiveThousand()
    {
        var chunks = UidChunks.Split([.. Enumerable.Range(1, 100_000).Select(i => (uint)i)]).ToList();

        Assert.Equal(20, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(UidChunks.MaxUids, c.Length));
        Assert.Equal(100_000u, chunks[^1][^1]);
    }

    [Fact]
    public void Split_ScatteredLargeUids_KeepsEachUidSetWithinTheLineBudget()
    {
        uint[] every3rd = [.. Enumerable.Range(0, 20_000).Select(i => (uint)(4_000_000 + (i * 3)))];

        var chunks = UidChunks.Split(every3rd).ToList();

        Assert.Equal(every3rd, chunks.SelectMany(c => c));
        Assert.All(chunks, c => Assert.InRange(UidChunks.ToSet(1, c).ToString().Length, 1, UidChunks.MaxSetChars));
        Assert.True(chunks.Count > 20_000 / UidChunks.MaxUids, "scattered UIDs need more, shorter commands");
    }
}
