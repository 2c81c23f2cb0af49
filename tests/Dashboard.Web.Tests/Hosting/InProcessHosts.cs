namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// Tests that start the dashboard in this process with WebApplicationFactory run one at a time. While a factory waits
/// for the app's host to be built, it takes over any host built in the process (it listens to every host's
/// diagnostics), and the built-in emulator is such a host: built by another test at that moment, it would get a test
/// server in place of Kestrel and never answer.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessHosts
{
    public const string Name = "Dashboards started in this process";
}
