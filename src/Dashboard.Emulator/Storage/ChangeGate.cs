namespace Dashboard.Emulator.Storage;

/// <summary>
/// One change to the sandbox at a time: an idempotency check and the change it guards must not interleave, and an audit
/// record's date (its key) is chosen after the last one written.
/// </summary>
internal sealed class ChangeGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for the gate; disposing the answer opens it again.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Entered(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Entered(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
