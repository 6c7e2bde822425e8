namespace KjTest.Fuzz;

/// <summary>One fuzz target: a name for the command line and the code that takes one input.</summary>
/// <param name="Name">The first argument that selects the target.</param>
/// <param name="Description">One line for <c>--list</c>.</param>
/// <param name="Run">Takes one input; any exception out of it is a finding.</param>
public sealed record FuzzTarget(string Name, string Description, Action<byte[]> Run);
