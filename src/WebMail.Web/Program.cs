using WebMail.Web.Account;
using WebMail.Web.Cluster;
using WebMail.Web.Data;
using WebMail.Web.Hosting;
using WebMail.Web.Mail;
using WebMail.Web.RemoteContent;
using WebMail.Web.Unsubscribe;

var builder = WebApplication.CreateBuilder(args);

builder.AddWebMailSecurityHeaders();
builder.AddWebMailCluster();
builder.AddWebMailAffinity();
builder.AddWebMailDraining();
builder.AddWebMailDatabase();
builder.AddWebMailMail();
builder.AddWebMailCompose();
builder.AddWebMailAccounts();
builder.AddWebMailUi();
builder.AddWebMailPushNotifications();
builder.AddWebMailRemoteContent();
builder.AddWebMailSignatures();
builder.AddWebMailUnsubscribe();
builder.AddWebMailSieve();
builder.AddWebMailTelemetry();

var app = builder.Build();

app.UseWebMailAffinity();
app.UseWebMailDraining();
app.UseWebMailSecurityHeaders();
app.UseWebMailPipeline();
app.MapWebMailAccounts();
app.MapWebMailContent();
app.MapWebMailPrint();
app.MapWebMailPreviews();
app.MapWebMailSource();
app.MapWebMailRemoteContent();
app.MapWebMailCompose();
app.MapWebMailPushNotifications();
app.MapWebMailUi();

try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } sentence)
{
    // A misconfigured server stops here with the sentence that names the setting, not a stack trace.
    await Console.Error.WriteLineAsync($"WebMail cannot start: {sentence}");
    return 1;
}

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
