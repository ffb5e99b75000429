using System.Globalization;
using WebMail.Benchmarks;

// deploy/benchmark.sh runs this with the mail stack started. Argument: iterations (default 30).
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
return await FolderOpenBenchmark.RunAsync(iterations);
