using BenchmarkDotNet.Running;

namespace KjTest.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project bench/KjTest.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
