using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Storage;

/// <summary>The emulator's state: one SQLite file, so a cancelled order stays cancelled across restarts.</summary>
internal sealed class SandboxDbContext(DbContextOptions<SandboxDbContext> options) : DbContext(options)
{
    public DbSet<CustomerRecord> Customers => Set<CustomerRecord>();

    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    public DbSet<RequestRecord> Requests => Set<RequestRecord>();

    public DbSet<ChangeRecord> Changes => Set<ChangeRecord>();

    public DbSet<AuditTrailRecord> AuditRecords => Set<AuditTrailRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CustomerRecord>(customer =>
        {
            customer.ToTable("Customers");
            customer.HasKey(c => c.Id);
            customer.HasIndex(c => c.CompanyName);
        });

        modelBuilder.Entity<OrderRecord>(order =>
        {
            order.ToTable("Orders");
            order.HasKey(o => o.Id);
            order.HasIndex(o => o.CustomerId);
            order.Property(o => o.ProductKind).HasConversion<string>();
            order.Property(o => o.Version).IsConcurrencyToken();
            order.OwnsMany(o => o.LineItems, lineItems => lineItems.ToJson());
        });

        modelBuilder.Entity<RequestRecord>(request =>
        {
            request.ToTable("Requests");
            request.HasKey(r => r.RequestId);
        });

        modelBuilder.Entity<ChangeRecord>(change =>
        {
            change.ToTable("Changes");
            change.HasKey(c => c.Id);
        });

        modelBuilder.Entity<AuditTrailRecord>(audit =>
        {
            audit.ToTable("AuditRecords");
            audit.HasKey(a => a.Ticks);
            audit.Property(a => a.Ticks).ValueGeneratedNever();
            audit.HasIndex(a => a.CustomerId);
            audit.OwnsMany(a => a.CustomizedData, data => data.ToJson());
        });
    }
}
