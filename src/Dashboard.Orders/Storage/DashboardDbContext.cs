using Dashboard.Orders.Activity;
using Dashboard.Orders.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Storage;

/// <summary>
/// The dashboard's own database: jobs and their items, and the activity log. One model for every provider; each
/// provider has a context of its own (<see cref="SqliteDashboardDbContext"/>, <see cref="PostgreSqlDashboardDbContext"/>)
/// only so that each has its own migrations, as EF Core's documentation advises for several providers. Everything else
/// takes this type. The activity log is append-only: saving a change or a delete of a record throws here, and the
/// database refuses an <c>UPDATE</c> of the table.
/// </summary>
internal abstract class DashboardDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Which provider this context is for.</summary>
    public abstract StoreProvider Provider { get; }

    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    public DbSet<JobItemRecord> JobItems => Set<JobItemRecord>();

    public DbSet<ActivityRecord> Activity => Set<ActivityRecord>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseActivityChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseActivityChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RefuseActivityChanges()
    {
        var entries = ChangeTracker.Entries<ActivityRecord>().ToList();
        if (entries.Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The activity log is append-only: a record is never changed or removed (only retention removes old ones).");
        }

        // Times are stored as UTC: ticks in SQLite, which the database's own retention check reads as such; PostgreSQL's
        // timestamp with time zone takes only UTC values.
        if (entries.Any(e => e.State == EntityState.Added && e.Entity.At.Offset != TimeSpan.Zero))
        {
            throw new InvalidOperationException("An activity record's time must be UTC.");
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<JobKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<JobState>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<JobItemKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<JobItemStage>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<JobItemOutcome>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ActivityAction>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ActivityOutcome>().HaveConversion<string>().HaveMaxLength(32);
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

        // No foreign keys: a record outlives the job it names, and names orders and customers as they were given.
        modelBuilder.Entity<ActivityRecord>(record =>
        {
            record.ToTable("Activity");
            record.HasKey(r => r.Id);
            record.HasIndex(r => r.At);
            record.HasIndex(r => new { r.CustomerId, r.OrderId });
            record.HasIndex(r => r.JobId);
            record.HasIndex(r => r.UserName);
        });
    }
}
