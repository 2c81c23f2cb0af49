using Dashboard.Orders.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Orders.Storage;

/// <summary>
/// The dashboard's own database: jobs and their items (and, later, the activity log). SQLite by default; the model
/// keeps to what PostgreSQL can hold as well, so that it can be a second provider.
/// </summary>
internal sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options)
{
    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    public DbSet<JobItemRecord> JobItems => Set<JobItemRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset values; as UTC ticks they compare as numbers.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }

        configurationBuilder.Properties<JobKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<JobState>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<JobItemKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<JobItemStage>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<JobItemOutcome>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<JobRecord>(job =>
        {
            job.ToTable("Jobs");
            job.HasKey(j => j.Id);
            job.HasIndex(j => new { j.State, j.CreatedAt });
            job.Property(j => j.Title).HasMaxLength(400);
            job.Property(j => j.CreatedByName).HasMaxLength(400);
            job.Property(j => j.CreatedById).HasMaxLength(100);
            job.Property(j => j.CreatedByTenant).HasMaxLength(100);
            job.Property(j => j.StopRequestedBy).HasMaxLength(400);
            job.Property(j => j.LeaseOwner).HasMaxLength(200);
        });

        modelBuilder.Entity<JobItemRecord>(item =>
        {
            item.ToTable("JobItems");
            item.HasKey(i => i.Id);
            item.HasIndex(i => new { i.JobId, i.Sequence }).IsUnique();
            item.HasIndex(i => new { i.JobId, i.Stage });
            item.HasOne<JobRecord>().WithMany().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);
            item.Property(i => i.CustomerId).HasMaxLength(100);
            item.Property(i => i.OrderId).HasMaxLength(100);
            item.Property(i => i.RequestId).HasMaxLength(100);
            item.Property(i => i.ErrorCode).HasMaxLength(100);
            item.Property(i => i.CorrelationId).HasMaxLength(100);
        });
    }
}
