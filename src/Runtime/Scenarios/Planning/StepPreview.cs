using KjTest.Runtime.Kernel;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>What planning saw of a load or unload, without running guest code: kexec_load's result and the kimage it built.</summary>
/// <param name="Step">The step.</param>
/// <param name="Result">What kexec_load returned.</param>
/// <param name="Layout">For a load that succeeded: the kimage in guest RAM.</param>
public sealed record StepPreview(PlannedStep Step, string Result, KimageLayout? Layout);
