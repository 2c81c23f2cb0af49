using BenchmarkDotNet.Running;
using Dashboard.Benchmarks;

// "pages" times the orders page of a 5,000-order customer in Chromium; anything else goes to BenchmarkDotNet.
if (args is ["pages", ..])
{
    return await PageTimings.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(PageTimings).Assembly).Run(args);
return 0;
