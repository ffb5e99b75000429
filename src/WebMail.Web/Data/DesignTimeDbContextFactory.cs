using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WebMail.Web.Data;

/// <summary>For `dotnet ef migrations add`: the model without starting the app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WebMailDbContext>
{
    public WebMailDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WebMailDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
