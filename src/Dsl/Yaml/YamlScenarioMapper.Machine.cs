using KjTest.Abi;
using KjTest.Dsl.Model;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Yaml;

internal sealed partial class YamlScenarioMapper
{
    private static readonly string[] MachineKeys = ["ram", "cpu", "memory_map", "devices"];
    private static readonly string[] RegionKeys = ["start", "size", "kind"];
    private static readonly string[] RangeKeys = ["start", "size"];
    private static readonly string[] DeviceKeys = ["name", "type", "ports", "mmio", "irq", "registers"];
    private static readonly string[] PortKeys = ["first", "count"];

    private static readonly string[] KernelKeys =
        ["cap_sys_boot", "kexec_load_disabled", "load_limit_reboot", "load_limit_panic", "lockdown", "kexec_jump", "lsm_error", "crashkernel"];

    private MachineSpec Machine(YamlTreeNode? node)
    {
        if (Map(node, "'machine'", "machine", MachineKeys) is not { } map)
        {
            return MachineSpec.Default;
        }

        var regions = new List<MemoryRegion>();
        foreach (var item in Sequence(map["memory_map"], "'memory_map'")?.Items ?? [])
        {
            if (Map(item, "a memory map range", "a memory map range", RegionKeys) is not { } r)
            {
                continue;
            }

            var start = Number64(r["start"], "'start'");
            var size = Size(r["size"], "'size'");
            var kind = r.Has("kind") ? Choice(r["kind"], "'kind'", "memory kind", Words.RegionKinds) : new Located<MemoryRegionKind>(MemoryRegionKind.Ram, StartOf(item));
            if (Require(r, "a memory map range", "start", "size") && start is { } s && size is { } z && kind is { } k)
            {
                regions.Add(new MemoryRegion(item.Span, new MemoryRange(item.Span, s, z), k));
            }
        }

        var devices = new List<DeviceSpec>();
        foreach (var item in Sequence(map["devices"], "'devices'")?.Items ?? [])
        {
            if (Device(item) is { } device)
            {
                devices.Add(device);
            }
        }

        return new MachineSpec(map.Node.Span, Size(map["ram"], "'ram'"), Text(map["cpu"], "'cpu'"), regions, devices);
    }

    private DeviceSpec? Device(YamlTreeNode item)
    {
        if (Map(item, "a device", "a device", DeviceKeys) is not { } d)
        {
            return null;
        }

        var name = Text(d["name"], "'name'");
        var type = Text(d["type"], "'type'");
        var ports = new List<PortRange>();
        foreach (var p in d["ports"] is { } portsNode ? ListOrOne(portsNode) : [])
        {
            if (Map(p, "a port range", "a port range", PortKeys) is { } pm && Require(pm, "a port range", "first", "count")
                && Number(pm["first"], "'first'", 16) is { } first && Number64(pm["count"], "'count'") is { } count)
            {
                ports.Add(new PortRange(p.Span, new Located<ulong>((ulong)first.Value, first.Span), count));
            }
        }

        var mmio = new List<MemoryRange>();
        foreach (var m in d["mmio"] is { } mmioNode ? ListOrOne(mmioNode) : [])
        {
            if (Range(m, "an MMIO range") is { } range)
            {
                mmio.Add(range);
            }
        }

        var registers = Assignments(d["registers"], "'registers'");
        return Require(d, "a device", "name", "type") && name is { } n && type is { } t
            ? new DeviceSpec(item.Span, n, t, ports, mmio, Number64(d["irq"], "'irq'"), registers)
            : null;
    }

    private MemoryRange? Range(YamlTreeNode? node, string place)
    {
        if (Map(node, place, place, RangeKeys) is not { } map)
        {
            return null;
        }

        var start = Number64(map["start"], "'start'");
        var size = Size(map["size"], "'size'");
        return Require(map, place, "start", "size") && start is { } s && size is { } z ? new MemoryRange(map.Node.Span, s, z) : null;
    }

    private List<RegisterAssignment> Assignments(YamlTreeNode? node, string what)
    {
        var list = new List<RegisterAssignment>();
        if (Map(node, what, what, null) is not { } map)
        {
            return list;
        }

        foreach (var (key, value) in map.Entries)
        {
            if (Number(value, $"'{key.Value}'", 128) is { } number)
            {
                list.Add(new RegisterAssignment(Join(key, value), new Located<string>(key.Value, key.Span), number));
            }
        }

        return list;
    }

    private KernelSettings Kernel(YamlTreeNode? node)
    {
        if (Map(node, "'kernel'", "kernel", KernelKeys) is not { } map)
        {
            return KernelSettings.Default;
        }

        return new KernelSettings(
            map.Node.Span,
            Bool(map["cap_sys_boot"], "'cap_sys_boot'"),
            Bool(map["kexec_load_disabled"], "'kexec_load_disabled'"),
            Signed(map["load_limit_reboot"], "'load_limit_reboot'"),
            Signed(map["load_limit_panic"], "'load_limit_panic'"),
            Bool(map["lockdown"], "'lockdown'"),
            Bool(map["kexec_jump"], "'kexec_jump'"),
            Text(map["lsm_error"], "'lsm_error'") is { } lsm ? lsm with { Value = Errno.Canonical(lsm.Value) ?? lsm.Value } : null,
            Range(map["crashkernel"], "'crashkernel'"));
    }

    private CpuStateSpec State(YamlTreeNode? node) =>
        node is null ? CpuStateSpec.Default : new CpuStateSpec(node.Span, Assignments(node, "'state'"));
}
