using System.Globalization;
using WebMail.Testing;

// Seeds mailboxes of the local stack. Used by the README's run command (demo users) and the benchmark.
//   seed-demo                          alice@example.test and bob@example.test from tests/Fixtures/Mail, once
//   seed-generated USER FOLDER COUNT   COUNT small messages into FOLDER (password: the test password)
var command = args.FirstOrDefault() ?? "seed-demo";
switch (command)
{
    case "seed-demo":
        foreach (var (owner, user, password) in new[] { ("alice", "alice@example.test", "alice-demo"), ("bob", "bob@example.test", "bob-demo") })
        {
            if (await Seeder.CountInboxAsync(user, password) > 0)
            {
                Console.WriteLine($"{user}: already seeded");
                continue;
            }

            var messages = Corpus.All.Where(m => m.Owner == owner).Concat(owner == "alice" ? SourceFixtures.All() : []).ToList();
            await Seeder.SeedAsync(user, password, messages);
            Console.WriteLine($"{user}: seeded {messages.Count} messages");
        }

        return 0;
    case "seed-generated" when args.Length == 4:
        await Seeder.SeedGeneratedAsync(args[1], MailStack.TestPassword, args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
        return 0;
    default:
        await Console.Error.WriteLineAsync("usage: seed-demo | seed-generated USER FOLDER COUNT");
        return 2;
}
