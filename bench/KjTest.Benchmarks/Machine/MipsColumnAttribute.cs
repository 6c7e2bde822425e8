using BenchmarkDotNet.Attributes;

namespace KjTest.Benchmarks.Machine;

/// <summary>Adds the <see cref="MipsColumn"/> to a guest-program benchmark's summary.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MipsColumnAttribute : ColumnConfigBaseAttribute
{
    /// <summary>Creates the attribute.</summary>
    public MipsColumnAttribute()
        : base(new MipsColumn())
    {
    }
}
