using System.Runtime.CompilerServices;

namespace WebMail.Web.Tests;

/// <summary>
/// bUnit's synchronous waits block a pool thread each while test classes run in parallel; on a 2-core machine the pool
/// starts with 2 threads and grows slowly, so renderers starve. A larger minimum keeps the tests about the components.
/// </summary>
internal static class ThreadPoolSetup
{
#pragma warning disable CA2255 // The test assembly is the host here: the earliest moment is when it loads.
    [ModuleInitializer]
    internal static void RaiseMinThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 8), io);
    }
#pragma warning restore CA2255
}
