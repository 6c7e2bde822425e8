namespace KjTest.Runtime.Kernel;

/// <summary>
/// Makes one allocation of a chosen kind fail, after a number of successful ones of that kind, so the ENOMEM paths
/// of kexec_load run through the real allocation code. Disarms itself once it has failed.
/// </summary>
public sealed class AllocationFailurePolicy
{
    private KernelAllocation? _armed;
    private ulong _successesLeft;

    /// <summary>Arms the policy: the allocation of <paramref name="kind"/> after <paramref name="after"/> successful ones fails.</summary>
    public void Arm(KernelAllocation kind, ulong after = 0)
    {
        _armed = kind;
        _successesLeft = after;
    }

    /// <summary>Whether the policy is still waiting to fail an allocation.</summary>
    public bool Armed => _armed is not null;

    /// <summary>Called before each allocation of <paramref name="kind"/>; true when this one must fail.</summary>
    public bool ShouldFail(KernelAllocation kind)
    {
        if (_armed != kind)
        {
            return false;
        }

        if (_successesLeft > 0)
        {
            _successesLeft--;
            return false;
        }

        _armed = null;
        return true;
    }
}
