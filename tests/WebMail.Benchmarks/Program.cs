using System.Globalization;
using WebMail.Benchmarks;

// deploy/benchmark.sh runs this with the mail stack started.
//   folder [iterations]   open a 100,000-message folder vs direct MailKit (default 30 runs)
//   push [messages]       push latency vs a raw IDLE client (default 100 messages)
//   scale [users]         users with one tab each (default 200), 100 messages to random users
var scenario = args.FirstOrDefault() ?? "folder";
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
return scenario switch
{
    "folder" => await FolderOpenBenchmark.RunAsync(count > 0 ? count : 30),
    "push" => await PushLatencyBenchmark.RunAsync(count > 0 ? count : 100),
    "scale" => await ScaleBenchmark.RunAsync(count > 0 ? count : 200, 100),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: deploy/benchmark.sh folder [iterations] | push [messages] | scale [users]");
    return 2;
}
