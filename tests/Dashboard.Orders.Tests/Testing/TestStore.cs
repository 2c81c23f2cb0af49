namespace Dashboard.Orders.Tests.Testing;

/// <summary>A store of one test's own (<see cref="StoreUnderTest.NewStoreAsync"/>), removed on dispose.</summary>
internal sealed class TestStore(string connectionString, Func<ValueTask> remove) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public ValueTask DisposeAsync() => remove();
}
