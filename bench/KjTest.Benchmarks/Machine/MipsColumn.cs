using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace KjTest.Benchmarks.Machine;

/// <summary>
/// Millions of guest instructions per second of a guest-program benchmark: the emulator's
/// retired-instruction count for the program (the same count is used for QEMU, which does
/// not report one) divided by the mean time of one run.
/// </summary>
public sealed class MipsColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(MipsColumn);

    /// <inheritdoc />
    public string ColumnName => "MIPS";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Guest instructions (as counted by the KjTest emulator) per microsecond";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var program = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(GuestProgramBenchmarks.Program))?.Value as string;
        if (report?.ResultStatistics is not { } statistics || program is null)
        {
            return "-";
        }

        var instructions = GuestPrograms.InstructionCount(program);
        return (instructions / (statistics.Mean / 1000.0)).ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;
}
