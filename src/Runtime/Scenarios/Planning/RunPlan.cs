using KjTest.Dsl.Model;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>
/// A checked scenario turned into what the runner executes: the machine to build and the steps with their parameters
/// typed. Everything the runtime cannot do was refused while planning; the runner decides nothing of validity again.
/// </summary>
/// <param name="Scenario">The scenario, for its name, spans and stated outcome.</param>
/// <param name="BaseDirectory">Where the scenario's files are read from.</param>
/// <param name="Machine">The machine and kernel A.</param>
/// <param name="Steps">The steps, in order.</param>
/// <param name="Labels">Every label of the images' assembly, by name.</param>
/// <param name="Previews">What each load and unload did when planned.</param>
public sealed record RunPlan(
    Scenario Scenario,
    string BaseDirectory,
    MachinePlan Machine,
    IReadOnlyList<PlannedStep> Steps,
    IReadOnlyDictionary<string, ulong> Labels,
    IReadOnlyList<StepPreview> Previews);
