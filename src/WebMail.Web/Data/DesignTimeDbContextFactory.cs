using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WebMail.Web.Data;

/// <summary>For `dotnet ef migrations add`: the model without starting the app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WebMailDbContext>
{
    public WebMailDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WebMailDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For `dotnet ef migrations add X --context PostgreSqlWebMailDbContext -o Data/PostgreSqlMigrations`.</summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlWebMailDbContext>
{
    public PostgreSqlWebMailDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlWebMailDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
