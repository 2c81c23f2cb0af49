using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Storage;

/// <summary>The emulator's state: one SQLite file, so a cancelled order stays cancelled across restarts.</summary>
internal sealed class SandboxDbContext(DbContextOptions<SandboxDbContext> options) : DbContext(options)
{
    public DbSet<CustomerRecord> Customers => Set<CustomerRecord>();

    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CustomerRecord>(customer =>
        {
            customer.ToTable("Customers");
            customer.HasKey(c => c.Id);
        });

        modelBuilder.Entity<OrderRecord>(order =>
        {
            order.ToTable("Orders");
            order.HasKey(o => o.Id);
            order.HasIndex(o => o.CustomerId);
            order.Property(o => o.ProductKind).HasConversion<string>();
            order.OwnsMany(o => o.LineItems, lineItems => lineItems.ToJson());
        });
    }
}
