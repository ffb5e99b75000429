using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebMail.Testing;
using WebMail.Web.Mail;
using WebMail.Web.Tests.Account;

namespace WebMail.Web.Tests.Mail;

/// <summary>What the operator's log shows when someone hammers the push endpoint.</summary>
public sealed class PushRefusalLogTests
{
    [Fact]
    public async Task Push_ManyRefusedRequests_OneWarningAMinuteThatCountsTheRest()
    {
        var clock = new ShiftedClock();
        clock.Freeze();
        var log = new WarningLog();
        using var factory = new WebMailFactory().With("WebMail:PushNotifications:Secret", "test-push-secret-0123456789abcdef");
        using var app = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<ILoggerProvider>(log);
        }));
        var client = app.CreateClient();
        async Task RefusedAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var response = await client.PutAsync(PushNotificationEndpoint.Path, new StringContent($"{{\"user\":\"{MailStack.NewUser()}\"}}", Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }

        await RefusedAsync(50);
        Assert.Single(log.Refusals);

        clock.Shift = TimeSpan.FromSeconds(59);
        await RefusedAsync(10);
        Assert.Single(log.Refusals);

        clock.Shift = TimeSpan.FromSeconds(61);
        await RefusedAsync(1);
        Assert.Equal(2, log.Refusals.Count);
        Assert.Contains("59 other refused push requests were not logged", log.Refusals[1], StringComparison.Ordinal);
    }

    private sealed class WarningLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public List<string> Refusals => [.. _lines.Where(l => l.Contains("Push notification refused", StringComparison.Ordinal))];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _lines.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
