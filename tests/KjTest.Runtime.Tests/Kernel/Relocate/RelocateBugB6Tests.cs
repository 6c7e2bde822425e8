using KjTest.Abi;
using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Kernel.Relocate;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Devices;
using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Tests.Scenarios;

namespace KjTest.Runtime.Tests.Kernel.Relocate;

/// <summary>Bug B6 of reference kexec-jump.md section 7, against sections 5.3 (steps 5 and 8) and 6.2.</summary>
public class RelocateBugB6Tests
{
    [Test]
    public void Section_5_3_plain_kexec_on_CUR_enters_the_image_with_a_zero_word_at_its_stack_top()
    {
        var bed = Bed.Create(KernelEra.Cur, RelocateBug.None);
        var controlPage = bed.PlainKexecOfHlt();

        var rsp = bed.Machine.Cpu.GetGpr(4);
        Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.NoReturn), bed.Driver.LastEnd?.Message);
        Assert.That(rsp, Is.EqualTo(controlPage + 0x1000 - 8));
        Assert.That(bed.Machine.Memory.ReadUInt64(rsp), Is.Zero);
    }

    [Test]
    public void Section_7_B6_on_CUR_enters_the_image_with_an_empty_stack_at_the_end_of_the_control_page()
    {
        var bed = Bed.Create(KernelEra.Cur, RelocateBug.B6);
        var controlPage = bed.PlainKexecOfHlt();

        Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.NoReturn), bed.Driver.LastEnd?.Message);
        Assert.That(bed.Machine.Cpu.GetGpr(4), Is.EqualTo(controlPage + 0x1000), "nothing is left under the popped start address");
    }

    [TestCase(KernelEra.Cur)]
    [TestCase(KernelEra.K614)]
    public void Section_5_3_the_missing_zero_word_does_not_change_a_kexec_jump(KernelEra era)
    {
        var bed = Bed.Create(era, era == KernelEra.Cur ? RelocateBug.B6 : RelocateBug.None);
        byte[] image = [0x66, 0xBA, 0xF8, 0x03, 0xB0, 0x42, 0xEE, 0xC3];
        bed.Kernel.KexecLoad(0x400000, [new KexecSegment(image, 0x400000, 0x1000)], KexecFlags.PreserveContext);

        var result = bed.Kernel.Reboot(RebootMagic.Magic1, 0x28121969, RebootMagic.CmdKexec, NoDevices.Instance, NoDevices.Instance, bed.Driver.MachineKexec);

        Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.Returned), bed.Driver.LastEnd?.Message);
        Assert.That(result.ReturnValue, Is.Zero);
        Assert.That(bed.Kernel.NormalImage!.Start, Is.EqualTo(0x400000UL));
    }

    [Test]
    public void Section_6_2_the_B6_scenario_without_its_fault_step_finds_the_zero_word_and_appends_nothing()
    {
        var scenario = Scenario("b6-missing-zero-word-cur.yaml");
        var withBug = ScenarioRunner.Run(scenario, ScenarioDirectory);
        var withoutBug = ScenarioRunner.Run(scenario with { Steps = [.. scenario.Steps.Where(s => s is not FaultStep)] }, ScenarioDirectory);

        Assert.That(withBug.Passed, Is.True, ScenarioCatalogueTests.Describe(withBug));
        Assert.That(withoutBug.Actual, Is.EqualTo(OutcomeKind.Fail));
        Assert.That(withoutBug.Messages.Select(m => m.Text), Has.Some.Contains("\"console=ttyS0\""));
    }

    [Test]
    public void Section_7_B6_on_CUR_turns_the_plain_kexec_of_the_unmapped_stack_top_into_a_crash()
    {
        var scenario = Scenario("b6-stack-top-unmapped-cur.yaml");
        var withBug = ScenarioRunner.Run(scenario, ScenarioDirectory);
        var withoutBug = ScenarioRunner.Run(scenario with { Steps = [.. scenario.Steps.Where(s => s is not FaultStep)] }, ScenarioDirectory);

        Assert.That(withBug.Passed, Is.True, ScenarioCatalogueTests.Describe(withBug));
        Assert.That(withBug.Messages.Select(m => m.Text), Has.Some.Contains("#PF (vector 14) caught by the debug IDT"));
        Assert.That(withoutBug.Actual, Is.EqualTo(OutcomeKind.Fail), ScenarioCatalogueTests.Describe(withoutBug));
        Assert.That(withoutBug.Messages.Select(m => m.Text), Has.Some.Contains("plain kexec: the image ran and halted"));
    }

    [TestCase("cur", "B1", "K30's own machine_kexec")]
    [TestCase("k30", "B5", "6.14 regression")]
    [TestCase("k27", "B5", "6.14 regression")]
    [TestCase("cur", "B20", "no cache model")]
    [TestCase("k27", "B6", "x86_64 regression")]
    public void A_relocate_bug_without_a_model_is_an_error_saying_why(string era, string bug, string reason)
    {
        var scenario = ScenarioHarness.Check(
            $"name: t\nera: {era}\nimages:\n  - name: b\n    entry: 0x400000\n    segments:\n      - mem: 0x400000\n        memsz: 0x1000\n        asm: ret\nsteps:\n  - fault: relocate_bug\n    bug: {bug}\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n");

        var result = ScenarioRunner.Run(scenario, ".");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Error));
        Assert.That(result.Messages.Select(m => m.Text), Has.Some.Contains($"relocate bug {bug}").And.Some.Contains(reason));
    }

    private static string ScenarioDirectory => ScenarioHarness.CatalogueDirectory;

    private static Scenario Scenario(string file) => ScenarioHarness.CheckCatalogueFile(file);

    private sealed record Bed(X86Machine Machine, KernelModel Kernel, X86_64JumpDriver Driver)
    {
        public static Bed Create(KernelEra era, RelocateBug bug)
        {
            var machine = new MachineBuilder().WithMemory(64UL << 20).Build();
            MachineDevices.CreateDefault(machine.Bus);
            var env = X86_64KernelEnvironment.Build(machine, 0x100000);
            var config = new KernelConfig
            {
                Era = era,
                Ram = [new PhysicalRange(0, 64UL << 20)],
                Reserved = [new PhysicalRange(0, 0x100000), new PhysicalRange(env.Base, X86_64KernelEnvironment.AreaSize)],
            };
            var kernel = KernelModel.Create(config, machine.Memory, []);
            var driver = new X86_64JumpDriver(machine, env, kernel, new JumpSettings { Era = era, Bug = bug, MaxInstructions = 1_000_000 }, _ => { });
            return new Bed(machine, kernel, driver);
        }

        /// <summary>Loads a one-byte hlt image without PRESERVE_CONTEXT, reboots into it and returns the control page.</summary>
        public ulong PlainKexecOfHlt()
        {
            Kernel.KexecLoad(0x400000, [new KexecSegment([0xF4], 0x400000, 0x1000)], 0);
            var controlPage = Kernel.NormalImage!.ControlPages[0];
            Kernel.Reboot(RebootMagic.Magic1, 0x28121969, RebootMagic.CmdKexec, NoDevices.Instance, NoDevices.Instance, Driver.MachineKexec);
            return controlPage;
        }
    }
}
