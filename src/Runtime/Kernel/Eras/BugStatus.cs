namespace KjTest.Runtime.Kernel.Eras;

/// <summary>How one known bug of reference section 7 stands in one era.</summary>
public enum BugStatus
{
    /// <summary>A <c>relocate_bug</c> fault builds it into the era's relocate routine.</summary>
    Injectable,

    /// <summary>The era's own code has it: every scenario of the era shows it, and injecting it changes nothing.</summary>
    EraBehaviour,

    /// <summary>The era's code never had it (a regression of another era, or another architecture's).</summary>
    Absent,

    /// <summary>KjTest does not model it; the reason says what it would need.</summary>
    NotModelled,
}
