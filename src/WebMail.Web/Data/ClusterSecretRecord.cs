using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebMail.Web.Data;

/// <summary>
/// A random value every instance sharing this database reads, made once by the first one that needs it (for example
/// the key of the user-affinity cookie's hash, <see cref="Cluster.AffinityKey"/>).
/// </summary>
public sealed class ClusterSecretRecord
{
    public const int NameMaxLength = 64;

    public string Name { get; set; } = "";

    public byte[] Value { get; set; } = [];

    public DateTime CreatedUtc { get; set; }
}

internal sealed class ClusterSecretConfiguration : IEntityTypeConfiguration<ClusterSecretRecord>
{
    public void Configure(EntityTypeBuilder<ClusterSecretRecord> e)
    {
        e.ToTable("ClusterSecrets");
        e.HasKey(s => s.Name);
        e.Property(s => s.Name).HasMaxLength(ClusterSecretRecord.NameMaxLength);
        e.Property(s => s.Value).IsRequired();
    }
}
