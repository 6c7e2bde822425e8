namespace KjTest.Runtime.Scenarios.Faults;

/// <summary>
/// The one table of fault kinds: each kind of the vocabulary (<see cref="Dsl.Vocabulary.FaultKinds"/>) with the
/// planner that reads its step into a typed, armable fault. A test keeps the keys equal to the vocabulary's kinds.
/// </summary>
internal static class FaultInjectors
{
    /// <summary>Each kind's planner: a typed fault, or null after reporting why the runtime cannot inject it.</summary>
    public static IReadOnlyDictionary<string, Func<FaultPlanning, PlannedFault?>> All { get; } = new Dictionary<string, Func<FaultPlanning, PlannedFault?>>(StringComparer.Ordinal)
    {
        ["device_pm_failure"] = DevicePmFailureFault.Plan,
        ["kernel_step_failure"] = KernelStepFailureFault.Plan,
        ["device_state_lost"] = DeviceStateLostFault.Plan,
        ["dma"] = DmaFault.Plan,
        ["irq"] = IrqFault.Plan,
        ["nmi"] = NmiFault.Plan,
        ["clobber"] = ClobberFault.Plan,
        ["alloc_failure"] = AllocFailureFault.Plan,
        ["lock_held"] = LockHeldFault.Plan,
        ["relocate_bug"] = RelocateBugFault.Plan,
        ["neighbour_page"] = NeighbourPageFault.Plan,
    };
}
