namespace KjTest.Runtime.Kernel.Jump;

/// <summary>How kernel B sees the machine: its RAM is the destination window of A's image, the rest is reserved to it.</summary>
public static class PeerRam
{
    /// <summary>The parts of <paramref name="ram"/> outside <paramref name="window"/>, which B's page allocator never hands out.</summary>
    public static IReadOnlyList<PhysicalRange> Outside(IReadOnlyList<PhysicalRange> ram, IReadOnlyList<PhysicalRange> window)
    {
        ArgumentNullException.ThrowIfNull(ram);
        ArgumentNullException.ThrowIfNull(window);
        var outside = new List<PhysicalRange>();
        foreach (var range in ram)
        {
            var cursor = range.Start;
            foreach (var w in window.Where(w => w.Start < range.End && w.End > range.Start).OrderBy(w => w.Start))
            {
                if (w.Start > cursor)
                {
                    outside.Add(new PhysicalRange(cursor, w.Start - cursor));
                }

                cursor = Math.Max(cursor, w.End);
            }

            if (cursor < range.End)
            {
                outside.Add(new PhysicalRange(cursor, range.End - cursor));
            }
        }

        return outside;
    }
}
