using Irony.Parsing;

namespace KjTest.Dsl.Text;

/// <summary>
/// The Irony grammar of <c>.kjt</c> scenario files: a line-based script in which every statement
/// ends at a line break and indentation is free. The grammar only recognises the shape; values are
/// read and checked by the lowering pass in a separate pass.
/// </summary>
public sealed class KjtGrammar : Grammar
{
    /// <summary>Key in <see cref="ParsingContext.Values"/> under which syntax errors are collected.</summary>
    internal const string ErrorsKey = "kjt.syntax-errors";

    /// <summary>Creates the grammar (case-sensitive keywords).</summary>
    public KjtGrammar()
        : base(caseSensitive: true)
    {
        // 1. Terminals.
        var comment = new CommentTerminal("comment", "#", "\n", "\r");
        NonGrammarTerminals.Add(comment);
        var name = new IdentifierTerminal(KjtTerms.Name, "_.-", "_") { ErrorAlias = "name" };
        var number = new KjtNumberTerminal(KjtTerms.Number);
        var text = new KjtStringTerminal(KjtTerms.Text);
        var nl = NewLine;
        nl.ErrorAlias = "end of line";

        // 2. Non-terminals.
        var file = new NonTerminal(KjtTerms.File);
        var scenarioLine = new NonTerminal(KjtTerms.ScenarioLine);
        var metaList = new NonTerminal(KjtTerms.MetaList);
        var metaLine = new NonTerminal(KjtTerms.MetaLine);
        var limitList = new NonTerminal(KjtTerms.LimitList);
        var limit = new NonTerminal(KjtTerms.Limit);
        var fieldList = new NonTerminal(KjtTerms.FieldList);
        var outcomeFields = new NonTerminal(KjtTerms.OutcomeFields);
        var outcomeReason = new NonTerminal(KjtTerms.OutcomeReason);
        var outcomeEra = new NonTerminal(KjtTerms.OutcomeEra);
        var ident = new NonTerminal(KjtTerms.Ident);
        var identList = new NonTerminal(KjtTerms.IdentList);
        var value = new NonTerminal(KjtTerms.Value);
        var sectionList = new NonTerminal(KjtTerms.SectionList);
        var section = new NonTerminal(KjtTerms.Section);
        var machineSection = new NonTerminal(KjtTerms.MachineSection);
        var machineLines = new NonTerminal(KjtTerms.MachineLines);
        var machineLine = new NonTerminal(KjtTerms.MachineLine);
        var deviceAttrs = new NonTerminal(KjtTerms.DeviceAttrs);
        var deviceAttr = new NonTerminal(KjtTerms.DeviceAttr);
        var deviceAttrsOpt = new NonTerminal(KjtTerms.DeviceAttrsOpt);
        var registerLines = new NonTerminal(KjtTerms.RegisterLines);
        var registerLine = new NonTerminal(KjtTerms.RegisterLine);
        var kernelSection = new NonTerminal(KjtTerms.KernelSection);
        var kernelLines = new NonTerminal(KjtTerms.KernelLines);
        var kernelLine = new NonTerminal(KjtTerms.KernelLine);
        var kernelKey = new NonTerminal(KjtTerms.KernelKey);
        var stateSection = new NonTerminal(KjtTerms.StateSection);
        var stateLines = new NonTerminal(KjtTerms.StateLines);
        var stateLine = new NonTerminal(KjtTerms.StateLine);
        var memoryLine = new NonTerminal(KjtTerms.MemoryLine);
        var content = new NonTerminal(KjtTerms.Content);
        var contentOpt = new NonTerminal(KjtTerms.ContentOpt);
        var imageSection = new NonTerminal(KjtTerms.ImageSection);
        var imageOpts = new NonTerminal(KjtTerms.ImageOpts);
        var imageOpt = new NonTerminal(KjtTerms.ImageOpt);
        var segmentLines = new NonTerminal(KjtTerms.SegmentLines);
        var segmentLine = new NonTerminal(KjtTerms.SegmentLine);
        var memszOpt = new NonTerminal(KjtTerms.MemszOpt);
        var relocateLine = new NonTerminal(KjtTerms.RelocateLine);
        var stepsOpt = new NonTerminal(KjtTerms.StepsOpt);
        var stepsSection = new NonTerminal(KjtTerms.StepsSection);
        var stepLines = new NonTerminal(KjtTerms.StepLines);
        var step = new NonTerminal(KjtTerms.Step);
        var loadStep = new NonTerminal(KjtTerms.LoadStep);
        var loadOpts = new NonTerminal(KjtTerms.LoadOpts);
        var loadOpt = new NonTerminal(KjtTerms.LoadOpt);
        var flagList = new NonTerminal(KjtTerms.FlagList);
        var flag = new NonTerminal(KjtTerms.Flag);
        var unloadStep = new NonTerminal(KjtTerms.UnloadStep);
        var unloadKind = new NonTerminal(KjtTerms.UnloadKind);
        var expectOpt = new NonTerminal(KjtTerms.ExpectOpt);
        var jumpStep = new NonTerminal(KjtTerms.JumpStep);
        var faultStep = new NonTerminal(KjtTerms.FaultStep);
        var paramList = new NonTerminal(KjtTerms.ParamList);
        var paramListOpt = new NonTerminal(KjtTerms.ParamListOpt);
        var param = new NonTerminal(KjtTerms.Param);
        var paramValue = new NonTerminal(KjtTerms.ParamValue);
        var paramValues = new NonTerminal(KjtTerms.ParamValues);
        var listValue = new NonTerminal(KjtTerms.ListValue);
        var expectStep = new NonTerminal(KjtTerms.ExpectStep);
        var expectationLines = new NonTerminal(KjtTerms.ExpectationLines);
        var expectationLine = new NonTerminal(KjtTerms.ExpectationLine);
        var expectation = new NonTerminal(KjtTerms.Expectation);
        var registerExpectation = new NonTerminal(KjtTerms.RegisterExpectation);
        var maskOpt = new NonTerminal(KjtTerms.MaskOpt);
        var preservedExpectation = new NonTerminal(KjtTerms.PreservedExpectation);
        var classSpec = new NonTerminal(KjtTerms.ClassSpec);
        var exceptOpt = new NonTerminal(KjtTerms.ExceptOpt);
        var exceptList = new NonTerminal(KjtTerms.ExceptList);
        var exceptItem = new NonTerminal(KjtTerms.ExceptItem);
        var exceptMemory = new NonTerminal(KjtTerms.ExceptMemory);
        var masksOpt = new NonTerminal(KjtTerms.MasksOpt);
        var maskList = new NonTerminal(KjtTerms.MaskList);
        var maskItem = new NonTerminal(KjtTerms.MaskItem);
        var memoryExpectation = new NonTerminal(KjtTerms.MemoryExpectation);
        var consoleExpectation = new NonTerminal(KjtTerms.ConsoleExpectation);
        var consoleFrom = new NonTerminal(KjtTerms.ConsoleFrom);
        var consoleMatch = new NonTerminal(KjtTerms.ConsoleMatch);
        var imageStartExpectation = new NonTerminal(KjtTerms.ImageStartExpectation);
        var kimageExpectation = new NonTerminal(KjtTerms.KimageExpectation);

        // 3. Rules.
        file.Rule = scenarioLine + metaList + sectionList + stepsOpt;
        scenarioLine.Rule = ToTerm("scenario") + text + nl;
        metaList.Rule = MakeStarRule(metaList, metaLine);
        metaLine.Rule = ToTerm("description") + text + nl
            | ToTerm("tags") + identList + nl
            | ToTerm("era") + ident + nl
            | ToTerm("arch") + ident + nl
            | ToTerm("seed") + number + nl
            | ToTerm("limits") + limitList + nl
            | ToTerm("outcome") + ident + outcomeFields + outcomeReason + outcomeEra + nl;
        limitList.Rule = MakePlusRule(limitList, ToTerm(","), limit);
        limit.Rule = ToTerm("max_instructions") + number | ToTerm("timeout_ms") + number | ToTerm("console_bytes") + number;
        outcomeFields.Rule = Empty | fieldList;
        outcomeReason.Rule = Empty | ToTerm("reason") + text;
        outcomeEra.Rule = Empty | ToTerm("on") + ident;
        fieldList.Rule = MakePlusRule(fieldList, ToTerm(","), ident);
        ident.Rule = name | text;
        identList.Rule = MakePlusRule(identList, ToTerm(","), ident);
        value.Rule = name | text | number;

        sectionList.Rule = MakeStarRule(sectionList, section);
        section.Rule = machineSection | kernelSection | stateSection | memoryLine | imageSection | relocateLine;

        machineSection.Rule = ToTerm("machine") + nl + machineLines;
        machineLines.Rule = MakeStarRule(machineLines, machineLine);
        machineLine.Rule = ToTerm("ram") + number + nl
            | ToTerm("cpu") + ident + nl
            | ToTerm("region") + ident + number + "size" + number + nl
            | ToTerm("device") + ident + ident + deviceAttrsOpt + nl + registerLines;
        deviceAttrsOpt.Rule = Empty | deviceAttrs;
        deviceAttrs.Rule = MakePlusRule(deviceAttrs, ToTerm(","), deviceAttr);
        deviceAttr.Rule = ToTerm("ports") + number + "count" + number
            | ToTerm("mmio") + number + "size" + number
            | ToTerm("irq") + number;
        registerLines.Rule = MakeStarRule(registerLines, registerLine);
        registerLine.Rule = ToTerm("register") + ident + "=" + number + nl;

        kernelSection.Rule = ToTerm("kernel") + nl + kernelLines;
        kernelLines.Rule = MakeStarRule(kernelLines, kernelLine);
        kernelLine.Rule = kernelKey + value + nl | ToTerm("crashkernel") + number + "size" + number + nl;
        kernelKey.Rule = ToTerm("cap_sys_boot") | "kexec_load_disabled" | "load_limit_reboot" | "load_limit_panic"
            | "lockdown" | "kexec_jump" | "lsm_error";

        stateSection.Rule = ToTerm("state") + nl + stateLines;
        stateLines.Rule = MakeStarRule(stateLines, stateLine);
        stateLine.Rule = ident + "=" + number + nl;

        memoryLine.Rule = ToTerm("memory") + number + content + nl;
        content.Rule = ToTerm("fill") + number + "size" + number
            | ToTerm("hex") + text
            | ToTerm("asm") + text
            | ToTerm("file") + text
            | ToTerm("elf") + text + "index" + number;
        contentOpt.Rule = Empty | content;

        imageSection.Rule = ToTerm("image") + ident + imageOpts + nl + segmentLines;
        imageOpts.Rule = MakeStarRule(imageOpts, imageOpt);
        imageOpt.Rule = ToTerm("entry") + value | ToTerm("elf") + text;
        segmentLines.Rule = MakeStarRule(segmentLines, segmentLine);
        segmentLine.Rule = ToTerm("segment") + number + memszOpt + contentOpt + nl;
        memszOpt.Rule = Empty | ToTerm("memsz") + number;

        relocateLine.Rule = ToTerm("relocate") + ident + "convention" + ident + nl;

        stepsOpt.Rule = Empty | stepsSection;
        stepsSection.Rule = ToTerm("steps") + nl + stepLines;
        stepLines.Rule = MakeStarRule(stepLines, step);
        step.Rule = loadStep | unloadStep | jumpStep | faultStep | expectStep;
        loadStep.Rule = ToTerm("load") + ident + loadOpts + nl;
        loadOpts.Rule = MakeStarRule(loadOpts, loadOpt);
        loadOpt.Rule = ToTerm("flags") + flagList | ToTerm("entry") + value | ToTerm("expect") + ident;
        flagList.Rule = MakePlusRule(flagList, ToTerm("|"), flag);
        flag.Rule = name | number | text;
        unloadStep.Rule = ToTerm("unload") + unloadKind + expectOpt + nl;
        unloadKind.Rule = Empty | "normal" | "crash";
        expectOpt.Rule = Empty | ToTerm("expect") + ident;
        jumpStep.Rule = ToTerm("jump") + expectOpt + nl;
        faultStep.Rule = ToTerm("fault") + ident + paramListOpt + nl;
        paramListOpt.Rule = Empty | paramList;
        paramList.Rule = MakePlusRule(paramList, ToTerm(","), param);
        param.Rule = ident + paramValue;
        paramValue.Rule = name | number | text | listValue;
        listValue.Rule = ToTerm("[") + paramValues + "]";
        paramValues.Rule = MakeStarRule(paramValues, ToTerm(","), paramValue);

        expectStep.Rule = ToTerm("expect") + expectation + nl | ToTerm("expect") + nl + expectationLines;
        expectationLines.Rule = MakeStarRule(expectationLines, expectationLine);
        expectationLine.Rule = expectation + nl;
        expectation.Rule = registerExpectation | preservedExpectation | memoryExpectation | consoleExpectation
            | imageStartExpectation | kimageExpectation;
        registerExpectation.Rule = ident + "==" + number + maskOpt;
        maskOpt.Rule = Empty | ToTerm("mask") + number;
        preservedExpectation.Rule = ToTerm("preserved") + classSpec + exceptOpt + masksOpt;
        classSpec.Rule = Empty | "all" | identList;
        exceptOpt.Rule = Empty | ToTerm("except") + exceptList;
        exceptList.Rule = MakePlusRule(exceptList, ToTerm(","), exceptItem);
        exceptItem.Rule = ident | exceptMemory;
        exceptMemory.Rule = ToTerm("memory") + number + "size" + number;
        masksOpt.Rule = Empty | ToTerm("mask") + maskList;
        maskList.Rule = MakePlusRule(maskList, ToTerm(","), maskItem);
        maskItem.Rule = ident + number;
        memoryExpectation.Rule = ToTerm("memory") + number + content
            | ToTerm("memory") + number + "size" + number + "sha256" + value;
        consoleExpectation.Rule = ToTerm("console") + consoleFrom + consoleMatch + text | ToTerm("console") + consoleFrom + consoleMatch + "hex" + text;
        consoleFrom.Rule = Empty | ToTerm("from") + ident;
        consoleMatch.Rule = Empty | "exact" | "contains";
        imageStartExpectation.Rule = ToTerm("image_start") + "==" + value;
        kimageExpectation.Rule = ToTerm("kimage") + paramListOpt;

        Root = file;

        // 4. Operators: none; the language has no expressions.

        // 5. Punctuation and transient terms.
        MarkPunctuation(",", "=", "==", "|", "[", "]");
        MarkPunctuation(nl);
        MarkTransient(section, step, expectation, expectationLine, ident, value, flag, paramValue, contentOpt, exceptItem);

        // 6. Reserved words: none. An identifier that spells a keyword is read as the keyword only
        // where the keyword fits, so `memory` is a state class in `preserved cpu, memory`.

        // 7. Syntax-error reporting groups.
        AddTermsReportGroup("a kernel setting", "cap_sys_boot", "kexec_load_disabled", "load_limit_reboot", "load_limit_panic",
            "lockdown", "kexec_jump", "lsm_error");
        AddTermsReportGroup("name", name);
        AddTermsReportGroup("number", number);
        AddTermsReportGroup("string", text);
        AddTermsReportGroup("end of line", nl);
        AddToNoReportGroup(Eof);

        // 9. Language flags.
        LanguageFlags = LanguageFlags.NewLineBeforeEOF;
    }

    /// <inheritdoc />
    public override void CreateTokenFilters(LanguageData language, TokenFilterList filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        filters.Add(new BlankLineFilter());
    }

    /// <inheritdoc />
    public override void ReportParseError(ParsingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        base.ReportParseError(context);
        if (!context.Values.TryGetValue(ErrorsKey, out var list) || list is not List<KjtSyntaxError> errors)
        {
            errors = [];
            context.Values[ErrorsKey] = errors;
        }

        var input = context.CurrentParserInput;
        var token = input?.Token;
        var state = context.CurrentParserState;
        var keywords = state is null
            ? []
            : state.ExpectedTerminals.OfType<KeyTerm>().Select(k => k.Text).Where(t => t.Length > 0 && char.IsAsciiLetter(t[0])).Order(StringComparer.Ordinal).ToList();
        var expected = context.GetExpectedTermSet().Order(StringComparer.Ordinal).ToList();
        var position = token?.Location.Position ?? input?.Span.Location.Position ?? context.Source.Location.Position;
        errors.Add(new KjtSyntaxError(
            position,
            token?.Length ?? 0,
            token?.Text ?? "",
            token?.Terminal?.Name ?? "",
            token?.Value as string,
            expected,
            keywords));
    }
}
