using System.Globalization;
using WebMail.Benchmarks;

// deploy/benchmark.sh runs this with the mail stack started.
//   folder [iterations]    open a 100,000-message folder vs direct MailKit (default 30 runs)
//   push [messages]        push latency vs a raw IDLE client (default 100 messages)
//   scale [users]          users with one tab each (default 200), 100 messages to random users
//   open-html [iterations] click → 1 MB HTML newsletter frame loaded vs IMAP fetch + sanitizer (default 30 runs)
//   signin [iterations]    sign-in submit → inbox rows vs a new MailKit connection + SELECT + FETCH 50 (default 20 runs)
//   commands [messages]    IMAP commands per new message with 1 and 5 tabs open (default 5 messages each)
//   memory [opens]         app RSS before/after opening a 20 MB HTML mail (default 15 opens)
//   jump [runs]            jump to the middle of a 100,000-message folder vs raw FETCH of that range (default 20 runs)
//   search [runs]          subject:/from: search in a 100,000-message folder vs raw UID SEARCH + FETCH (default 20 runs)
//   search-all [runs]      subject: search over 20 folders vs the fastest folder's raw search (default 10 runs)
//   sort [runs]            sort a 100,000-message folder by sender vs raw UID SORT + FETCH (default 20 runs)
//   threads [runs]         conversation view of a 10,000-message folder vs raw UID THREAD + FETCH (default 20 runs)
//   cluster [users]        two instances behind nginx vs one: push p50/p99, memory per user, failover after kill -9 (default 20 users)
//   (WEBMAIL_BENCH_PROFILE=1: also print one run's IMAP commands and circuit frames)
var scenario = args.FirstOrDefault() ?? "folder";
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
return scenario switch
{
    "folder" => await FolderOpenBenchmark.RunAsync(count > 0 ? count : 30),
    "push" => await PushLatencyBenchmark.RunAsync(count > 0 ? count : 100),
    "scale" => await ScaleBenchmark.RunAsync(count > 0 ? count : 200, 100),
    "open-html" => await OpenHtmlBenchmark.RunAsync(count > 0 ? count : 30),
    "signin" => await SignInBenchmark.RunAsync(count > 0 ? count : 20),
    "commands" => await CommandCountBenchmark.RunAsync(count > 0 ? count : 5),
    "memory" => await MemoryBenchmark.RunAsync(count > 0 ? count : 15),
    "jump" => await JumpBenchmark.RunAsync(count > 0 ? count : 20),
    "search" => await SearchBenchmark.RunAsync(count > 0 ? count : 20),
    "search-all" => await SearchAllBenchmark.RunAsync(count > 0 ? count : 10),
    "sort" => await SortBenchmark.RunAsync(count > 0 ? count : 20),
    "threads" => await ConversationBenchmark.RunAsync(count > 0 ? count : 20),
    "cluster" => await ClusterBenchmark.RunAsync(count > 0 ? count : 20),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: deploy/benchmark.sh folder|open-html|signin [iterations] | push|commands [messages] | scale [users] | memory [opens] | jump|search|search-all|sort|threads [runs] | cluster [users]");
    return 2;
}
