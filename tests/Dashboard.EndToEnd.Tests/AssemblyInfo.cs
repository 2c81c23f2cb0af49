// Each test class starts the real dashboard through WebApplicationFactory, which captures the app's host as Program
// builds it; two starting at once can capture each other's. The classes run one after the other.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
