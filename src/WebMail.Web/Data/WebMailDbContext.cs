using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WebMail.Web.RemoteContent;

namespace WebMail.Web.Data;

/// <summary>
/// The settings database: sign-in sessions with their (protected) OAuth tokens, and the Data Protection
/// keys, so a restart or a second instance signs nobody out. SQLite by default, PostgreSQL by connection string.
/// </summary>
public class WebMailDbContext : DbContext, IDataProtectionKeyContext
{
    public WebMailDbContext(DbContextOptions<WebMailDbContext> options)
        : base(options)
    {
    }

    /// <summary>For provider-specific subclasses, which keep their own migrations.</summary>
    protected WebMailDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<SignInRecord> SignIns => Set<SignInRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ContactRecord> Contacts => Set<ContactRecord>();

    public DbSet<IdentityRecord> Identities => Set<IdentityRecord>();

    public DbSet<UserPreferences> Preferences => Set<UserPreferences>();

    public DbSet<SignInFailureRecord> SignInFailures => Set<SignInFailureRecord>();
    public DbSet<RemoteContentSenderRecord> RemoteContentSenders => Set<RemoteContentSenderRecord>();

    public DbSet<ListViewPreferenceRecord> ListViewPreferences => Set<ListViewPreferenceRecord>();

    public DbSet<LabelRecord> Labels => Set<LabelRecord>();

    public DbSet<OrganizeSettingsRecord> OrganizeSettings => Set<OrganizeSettingsRecord>();

    public DbSet<ClusterSecretRecord> ClusterSecrets => Set<ClusterSecretRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SignInRecord>(e =>
        {
            e.ToTable("SignIns");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(64);
            e.Property(s => s.UserName).HasMaxLength(320).IsRequired();
            e.Property(s => s.Method).HasMaxLength(16).IsRequired();
            e.Property(s => s.ProtectedTokens).IsRequired();
            e.Property(s => s.Browser).HasMaxLength(SignInRecord.BrowserMaxLength);
            e.Property(s => s.ClientAddress).HasMaxLength(SignInRecord.ClientAddressMaxLength);
            e.HasIndex(s => s.UserName);
        });
        modelBuilder.Entity<ContactRecord>(e =>
        {
            e.ToTable("Contacts");
            e.HasKey(c => c.Id);
            e.Property(c => c.UserName).HasMaxLength(320).IsRequired();
            e.Property(c => c.Address).HasMaxLength(320).IsRequired();
            e.Property(c => c.Name).HasMaxLength(200);
            e.HasIndex(c => new { c.UserName, c.Address }).IsUnique();
        });
        modelBuilder.Entity<UserPreferences>(e =>
        {
            e.ToTable("Preferences");
            e.HasKey(p => p.UserName);
            e.Property(p => p.UserName).HasMaxLength(320);
        });
        modelBuilder.Entity<IdentityRecord>(e =>
        {
            e.ToTable("Identities");
            e.HasKey(i => i.Id);
            e.Property(i => i.UserName).HasMaxLength(320).IsRequired();
            e.Property(i => i.Address).HasMaxLength(320).IsRequired();
            e.Property(i => i.DisplayName).HasMaxLength(200);
            e.Property(i => i.Signature).HasMaxLength(4000);
            e.HasIndex(i => i.UserName);
        });
        modelBuilder.Entity<SignInFailureRecord>(e =>
        {
            e.ToTable("SignInFailures");
            e.HasKey(f => new { f.Account, f.Client });
            e.Property(f => f.Account).HasMaxLength(320);
            e.Property(f => f.Client).HasMaxLength(64);
        });
        modelBuilder.ApplyConfiguration(new RemoteContentSenderConfiguration());
        modelBuilder.ApplyConfiguration(new ListViewPreferenceConfiguration());
        modelBuilder.ApplyConfiguration(new LabelConfiguration());
        modelBuilder.ApplyConfiguration(new OrganizeSettingsConfiguration());
        modelBuilder.ApplyConfiguration(new ClusterSecretConfiguration());
    }
}

/// <summary>One user's compose defaults.</summary>
public sealed class UserPreferences
{
    public string UserName { get; set; } = "";

    /// <summary>
    /// New messages started in the rich-text editor (otherwise plain text). Superseded by
    /// <see cref="OrganizeSettings.ComposeFormat"/> (the migration ComposeFormatFromPreferences copied it there); kept so
    /// the table is not dropped.
    /// </summary>
    public bool ComposeRichText { get; set; }
}

/// <summary>A way the user signs mail: from address, display name, signature.</summary>
public sealed class IdentityRecord
{
    public long Id { get; set; }

    public string UserName { get; set; } = "";

    public string Address { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>Plain text added below new messages and replies, after "-- ".</summary>
    public string? Signature { get; set; }

    public bool IsDefault { get; set; }
}

/// <summary>The same model on PostgreSQL; its migrations live in Data/PostgreSqlMigrations.</summary>
public sealed class PostgreSqlWebMailDbContext(DbContextOptions<PostgreSqlWebMailDbContext> options) : WebMailDbContext(options);

/// <summary>An address a user wrote to or received from (collected), or saved in the address book.</summary>
public sealed class ContactRecord
{
    public long Id { get; set; }

    /// <summary>Whose contact this is.</summary>
    public string UserName { get; set; } = "";

    /// <summary>The e-mail address, lower-cased.</summary>
    public string Address { get; set; } = "";

    public string? Name { get; set; }

    /// <summary>True for entries the user saved in the address book (kept first in suggestions).</summary>
    public bool InAddressBook { get; set; }

    /// <summary>How often the user wrote to or heard from this address.</summary>
    public int Uses { get; set; }

    public DateTime LastUsedUtc { get; set; }
}

/// <summary>One signed-in browser session that uses OAuth tokens. Tokens are stored only Data-Protection encrypted.</summary>
public sealed class SignInRecord
{
    /// <summary>The sign-in session id the auth cookie carries.</summary>
    public string Id { get; set; } = "";

    public string UserName { get; set; } = "";

    /// <summary>"oidc" (single sign-on) or "password" (the mail password).</summary>
    public string Method { get; set; } = "oidc";

    /// <summary>Access, refresh and id token, as protected JSON; empty for a password sign-in.</summary>
    public byte[] ProtectedTokens { get; set; } = [];

    /// <summary>
    /// The mail password of a password sign-in, protected with Data Protection (the key ring shared by the instances,
    /// sealed with the configured certificate), so any instance can open the user's IMAP session; null for SSO.
    /// </summary>
    public byte[]? ProtectedPassword { get; set; }

    /// <summary>When the access token expires (UTC); the sign-in time for a password sign-in.</summary>
    public DateTime AccessTokenExpiresUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? RefreshedUtc { get; set; }

    public const int BrowserMaxLength = 100;

    public const int ClientAddressMaxLength = 64;

    /// <summary>Last request or live tab of this sign-in (UTC), written at most once a minute; null on rows from before it was kept.</summary>
    public DateTime? LastSeenUtc { get; set; }

    /// <summary>A short description of the browser ("Chrome 131 on Linux"), for "Signed-in devices".</summary>
    public string? Browser { get; set; }

    /// <summary>The browser's address at sign-in (after forwarded headers).</summary>
    public string? ClientAddress { get; set; }
}
