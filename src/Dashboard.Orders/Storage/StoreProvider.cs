namespace Dashboard.Orders.Storage;

/// <summary>The databases the dashboard's own store can use (<c>Store:Provider</c>).</summary>
public enum StoreProvider
{
    /// <summary>A SQLite file: the default, for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, which several instances share.</summary>
    PostgreSql,
}
