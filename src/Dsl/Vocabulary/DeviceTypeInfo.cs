namespace KjTest.Dsl.Vocabulary;

/// <summary>A device type a scenario may place on the machine.</summary>
/// <param name="Name">Type name as written.</param>
/// <param name="Description">One line for listings.</param>
/// <param name="DefaultPorts">Default first port and count, or null when the type has no ports by default.</param>
/// <param name="DefaultIrq">Default IRQ line, or null.</param>
/// <param name="Registers">Register names the type has; empty when the scenario declares them (programmable devices).</param>
public sealed record DeviceTypeInfo(string Name, string Description, (ushort First, int Count)? DefaultPorts, int? DefaultIrq, IReadOnlyList<string> Registers);
