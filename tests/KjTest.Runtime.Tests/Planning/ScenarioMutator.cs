using System.Globalization;
using KjTest.Dsl.Model;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Runtime.Tests.Planning;

/// <summary>
/// Makes mutants of a scenario model for the check/run agreement property: other eras and architectures, steps
/// removed, swapped or repeated, fault parameters and RAM sizes changed, random faults added. Deterministic per seed.
/// Mutants keep the spans of the nodes they came from, so their diagnostics still point into the original file.
/// </summary>
internal sealed class ScenarioMutator
{
    private static readonly ulong[] RamSizes = [8UL << 20, 16UL << 20, 64UL << 20, 1UL << 30];
    private static readonly string[] Numbers = ["0", "1", "4", "15", "16", "0x400000", "0x3fffffe", "4194304", "0xffffffffffffffff"];
    private readonly Random _random;

    public ScenarioMutator(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>One mutant of <paramref name="scenario"/>: one to three mutations applied.</summary>
    public Scenario Mutate(Scenario scenario)
    {
        var mutant = scenario;
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            mutant = _random.Next(9) switch
            {
                0 => mutant with { Era = new Located<Era>(Pick(Enum.GetValues<Era>()), mutant.Era?.Span ?? mutant.Span) },
                1 => mutant with { Arch = _random.Next(3) == 0 ? null : new Located<Arch>(Pick(Enum.GetValues<Arch>()), mutant.Arch?.Span ?? mutant.Span) },
                2 => WithSteps(mutant, RemoveOne(mutant.Steps)),
                3 => WithSteps(mutant, SwapTwo(mutant.Steps)),
                4 => WithSteps(mutant, RepeatOne(mutant.Steps)),
                5 => WithSteps(mutant, [.. mutant.Steps.Select(s => s is FaultStep f && _random.Next(2) == 0 ? MutateParameter(f, mutant) : s)]),
                6 => mutant with { Machine = mutant.Machine with { RamSize = new Located<ulong>(Pick(RamSizes), mutant.Machine.RamSize?.Span ?? mutant.Span) } },
                7 => WithSteps(mutant, InsertFault(mutant)),
                _ => mutant with { Seed = new Located<ulong>((ulong)_random.Next(1, 50), mutant.Seed?.Span ?? mutant.Span) },
            };
        }

        // Keep mutants quick: a runaway guest ends on a small budget.
        return mutant with { Limits = mutant.Limits with { MaxInstructions = new Located<ulong>(2_000_000, mutant.Limits.Span) } };
    }

    private static Scenario WithSteps(Scenario scenario, IReadOnlyList<Step> steps) => scenario with { Steps = steps };

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private List<Step> RemoveOne(IReadOnlyList<Step> steps)
    {
        var list = steps.ToList();
        if (list.Count > 0)
        {
            list.RemoveAt(_random.Next(list.Count));
        }

        return list;
    }

    private List<Step> SwapTwo(IReadOnlyList<Step> steps)
    {
        var list = steps.ToList();
        if (list.Count > 1)
        {
            var i = _random.Next(list.Count - 1);
            (list[i], list[i + 1]) = (list[i + 1], list[i]);
        }

        return list;
    }

    private List<Step> RepeatOne(IReadOnlyList<Step> steps)
    {
        var list = steps.ToList();
        if (list.Count > 0)
        {
            var i = _random.Next(list.Count);
            list.Insert(i, list[i]);
        }

        return list;
    }

    private FaultStep MutateParameter(FaultStep fault, Scenario scenario)
    {
        if (fault.Parameters.Count == 0 || !FaultKinds.All.TryGetValue(fault.Kind.Value, out var kind))
        {
            return fault;
        }

        var index = _random.Next(fault.Parameters.Count);
        var parameter = fault.Parameters[index];
        var spec = kind.Find(parameter.Name.Value);
        if (spec is null || parameter.Value is not ScalarValue scalar)
        {
            return fault;
        }

        var parameters = fault.Parameters.ToList();
        parameters[index] = parameter with { Value = scalar with { Text = Value(spec, scenario) } };
        return fault with { Parameters = parameters };
    }

    private List<Step> InsertFault(Scenario scenario)
    {
        var kind = Pick(FaultKinds.All.Values.OrderBy(k => k.Name, StringComparer.Ordinal).ToList());
        var span = scenario.Span;
        var parameters = kind.Parameters.Where(p => p.Required || _random.Next(2) == 0)
            .Select(p => new Parameter(span, new Located<string>(p.Name, span), p.Type == ParameterType.RegisterList
                ? new ListValue(span, [new ScalarValue(span, Value(p, scenario))])
                : new ScalarValue(span, Value(p, scenario))))
            .ToList();
        var list = scenario.Steps.ToList();
        list.Insert(_random.Next(list.Count + 1), new FaultStep(span, new Located<string>(kind.Name, span), parameters));
        return list;
    }

    private string Value(ParameterSpec spec, Scenario scenario) => spec.Type switch
    {
        ParameterType.Choice => Pick(spec.Choices),
        ParameterType.Device => scenario.Machine.Devices.Count > 0 ? Pick(scenario.Machine.Devices).Name.Value : "nic0",
        ParameterType.Register or ParameterType.RegisterList => Pick(Registers.Names.Order(StringComparer.Ordinal).ToList()),
        ParameterType.Errno => Pick(["EIO", "EBUSY", "EINVAL", "ENOMEM"]),
        ParameterType.Bytes => Pick(["00", "de ad be ef", "c3"]),
        ParameterType.Bool => _random.Next(2) == 0 ? "true" : "false",
        _ => _random.Next(4) == 0 ? _random.Next(0, 1 << 26).ToString(CultureInfo.InvariantCulture) : Pick(Numbers),
    };
}
