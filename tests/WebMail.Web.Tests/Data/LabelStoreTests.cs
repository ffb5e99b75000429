using Microsoft.Extensions.Logging.Abstractions;
using WebMail.Testing;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Data;

/// <summary>Labels kept per user in the settings database; run on SQLite and on PostgreSQL (the two subclasses below).</summary>
public abstract class LabelStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private SettingsDatabase _database = default!;
    private readonly string _user = MailStack.NewUser("labels");

    private LabelStore Store { get; set; } = default!;

    public async Task InitializeAsync()
    {
        _database = await SettingsDatabase.CreateAsync(provider);
        Store = new LabelStore(_database.Factory, NullLogger<LabelStore>.Instance);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Get_NewUser_ThunderbirdsFiveWithTheirNamesAndColours()
    {
        var labels = await Store.GetAsync(_user);

        Assert.Equal(
            ["$label1 Important #ff0000", "$label2 Work #ff9900", "$label3 Personal #009900", "$label4 To Do #3333ff", "$label5 Later #993399"],
            labels.All.Select(l => $"{l.Keyword} {l.Name} {l.Colour}"));
        Assert.Equal("To Do", labels.Find("$LABEL4")?.Name);
        Assert.Equal("$label4", labels.ByName("to do")?.Keyword);
    }

    [Theory]
    [InlineData("Clients", "Clients")]
    [InlineData("  Big clients  2026 ", "Big_clients_2026")]
    [InlineData("Q&A (team)!", "QA_team")]
    [InlineData("follow-up_now", "follow-up_now")]
    public async Task Create_AsciiName_KeywordMadeOfItsAtomSafeCharacters(string name, string keyword)
    {
        var created = await Store.CreateAsync(_user, name, "#3366CC");

        Assert.Equal(new LabelDefinition(keyword, name.Trim(), "#3366cc"), created);
        Assert.Equal(created, (await Store.GetAsync(_user)).All[^1]);
    }

    [Fact]
    public async Task Create_NonAsciiNames_WmHashKeywordsThatDifferAndAreAtomSafe()
    {
        var cafe = await Store.CreateAsync(_user, "Café", "#abc");
        var greek = await Store.CreateAsync(_user, "Εργασία", "#00aa00");

        Assert.Matches("^\\$wm_[0-9a-f]{10}$", cafe.Keyword);
        Assert.Matches("^\\$wm_[0-9a-f]{10}$", greek.Keyword);
        Assert.NotEqual(cafe.Keyword, greek.Keyword);
        Assert.Equal("#aabbcc", cafe.Colour);
        Assert.Equal(cafe, (await Store.GetAsync(_user)).ByName("CAFÉ"));
    }

    [Fact]
    public async Task Create_NamesGivingTheSameKeyword_LaterOnesNumbered_AndSystemKeywordsAvoided()
    {
        var first = await Store.CreateAsync(_user, "Side project", "#111111");
        var second = await Store.CreateAsync(_user, "Side_project", "#222222");
        var third = await Store.CreateAsync(_user, "Side project!", "#333333");
        var junk = await Store.CreateAsync(_user, "Junk", "#444444");

        Assert.Equal(["Side_project", "Side_project_2", "Side_project_3"], [first.Keyword, second.Keyword, third.Keyword]);
        Assert.Equal("Junk_2", junk.Keyword);
        Assert.Equal("Junk", (await Store.GetAsync(_user)).Find("Junk_2")?.Name);
    }

    [Fact]
    public async Task Update_ThunderbirdLabel1_RenamedForThisUserOnly()
    {
        var other = MailStack.NewUser("labels-other");

        await Store.UpdateAsync(_user, "$label1", "Urgent", "#cc0000");

        var labels = await Store.GetAsync(_user);
        Assert.Equal(new LabelDefinition("$label1", "Urgent", "#cc0000"), labels.All[0]);
        Assert.Equal(5, labels.All.Count);
        Assert.Null(labels.ByName("Important"));
        Assert.Equal("Important", (await Store.GetAsync(other)).Find("$label1")?.Name);

        await Store.UpdateAsync(_user, "$label1", "Urgent!", "#dd0000");
        Assert.Equal(new LabelDefinition("$label1", "Urgent!", "#dd0000"), (await Store.GetAsync(_user)).All[0]);
    }

    [Fact]
    public async Task Delete_OwnAndThunderbirdLabels_GoneAndStayGone()
    {
        var clients = await Store.CreateAsync(_user, "Clients", "#3366cc");

        await Store.DeleteAsync(_user, clients.Keyword);
        await Store.DeleteAsync(_user, "$label2");

        var labels = await Store.GetAsync(_user);
        Assert.Equal(["Important", "Personal", "To Do", "Later"], labels.All.Select(l => l.Name));

        // A message still carrying the keywords: the deleted own label shows plain and grey, Thunderbird's Work not at all.
        Assert.Equal([new LabelDefinition("Clients", "Clients", LabelRules.NeutralColour)], labels.Shown(["Clients", "$label2"]));

        // A new "Work" is the user's own label, not Thunderbird's back.
        var work = await Store.CreateAsync(_user, "Work", "#000000");
        Assert.Equal("Work", work.Keyword);
        Assert.Null((await Store.GetAsync(_user)).Find("$label2"));
    }

    [Theory]
    [InlineData("", "#ff0000", "Give the label a name.")]
    [InlineData("   ", "#ff0000", "Give the label a name.")]
    [InlineData("A name far too long for a label to be read", "#ff0000", "A label name can have at most 40 characters; this one has 42.")]
    [InlineData("Two\nlines", "#ff0000", "A label name cannot contain line breaks or tabs.")]
    [InlineData("Clients", "red", "\"red\" is not a colour: write # and six hexadecimal digits, like #3366cc.")]
    [InlineData("Clients", "#12345g", "\"#12345g\" is not a colour: write # and six hexadecimal digits, like #3366cc.")]
    [InlineData("work", "#ff0000", "You already have a label called \"Work\".")]
    public async Task Create_BadInput_RefusedWithASentenceAndNothingStored(string name, string colour, string sentence)
    {
        var refused = await Assert.ThrowsAsync<LabelRefusedException>(() => Store.CreateAsync(_user, name, colour));

        Assert.Equal(sentence, refused.Message);
        Assert.Equal(5, (await Store.GetAsync(_user)).All.Count);
    }

    [Fact]
    public async Task Update_ToAnotherLabelsNameOrAGoneLabel_Refused()
    {
        var clients = await Store.CreateAsync(_user, "Clients", "#3366cc");

        var taken = await Assert.ThrowsAsync<LabelRefusedException>(() => Store.UpdateAsync(_user, clients.Keyword, "LATER", "#3366cc"));
        await Store.DeleteAsync(_user, clients.Keyword);
        var gone = await Assert.ThrowsAsync<LabelRefusedException>(() => Store.UpdateAsync(_user, clients.Keyword, "Customers", "#3366cc"));

        Assert.Equal("You already have a label called \"Later\".", taken.Message);
        Assert.Equal("That label no longer exists: it was deleted, perhaps in another tab.", gone.Message);

        // Only the case of its own name changes: allowed.
        await Store.UpdateAsync(_user, "$label5", "LATER", "#993399");
        Assert.Equal("LATER", (await Store.GetAsync(_user)).Find("$label5")?.Name);
    }

    [Fact]
    public async Task Writes_RaiseChangedWithTheUser()
    {
        var heard = new List<string>();
        Store.Changed += heard.Add;
        Store.Changed += _ => throw new InvalidOperationException("a broken tab");

        var label = await Store.CreateAsync(_user, "Clients", "#3366cc");
        await Store.UpdateAsync(_user, label.Keyword, "Customers", "#3366cc");
        await Store.DeleteAsync(_user, label.Keyword);

        Assert.Equal([_user, _user, _user], heard);
        Assert.Equal(5, (await Store.GetAsync(_user)).All.Count);
    }
}

public sealed class LabelStoreSqliteTests() : LabelStoreTests(DatabaseProvider.Sqlite);

public sealed class LabelStorePostgreSqlTests() : LabelStoreTests(DatabaseProvider.PostgreSql);
