using BenchmarkDotNet.Running;
using Dashboard.Benchmarks.Pages;

// "pages" is issue 13's orders-page benchmark (Chromium, published apps; see PageBenchmarkOptions.Usage); anything else
// goes to BenchmarkDotNet.
if (args is ["pages", ..])
{
    return await PageBenchmark.RunAsync(args[1..]);
}

if (args is ["--help" or "-h", ..])
{
    Console.WriteLine(PageBenchmarkOptions.Usage);
    Console.WriteLine("Anything else is passed to BenchmarkDotNet, e.g. --filter '*'.");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(PageBenchmark).Assembly).Run(args);
return 0;
