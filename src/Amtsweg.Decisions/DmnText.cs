using System.Globalization;

namespace Amtsweg.Decisions;

/// <summary>
/// A message of the DMN library in both languages, like <see cref="Feel.FeelMessage"/>: a stable code (kebab-case,
/// prefixed <c>dmn.</c>, see ADR 0016/0017), the English text (for the TCK and logs) and the German text (for clerks
/// and designers). Every message is made in <see cref="DmnTexts"/>, the one table of DMN messages.
/// </summary>
/// <param name="Code">Stable code, e.g. <c>dmn.decision-requires-itself</c>.</param>
/// <param name="English">The text in English.</param>
/// <param name="German">The text in German.</param>
public sealed record DmnText(string Code, string English, string German)
{
    /// <summary>The code of a message that came as one plain text only (used for both languages).</summary>
    public const string PlainCode = "dmn.message";

    /// <summary>A message that exists in one text only (used for both languages).</summary>
    public static DmnText Plain(string text) => new(PlainCode, text, text);
}

/// <summary>
/// What a type check is about ("Decision 'x'" / "Entscheidung 'x'"), in both languages; part of a
/// <see cref="DmnTexts.TypeMismatch"/> message.
/// </summary>
/// <param name="English">In English.</param>
/// <param name="German">In German.</param>
internal sealed record DmnSubject(string English, string German)
{
    public static DmnSubject Decision(string name) => new($"Decision '{name}'", $"Entscheidung '{name}'");

    public static DmnSubject Input(string name) => new($"Input '{name}'", $"Eingabe '{name}'");

    public static DmnSubject ResultOf(string name) => new($"Result of '{name}'", $"Ergebnis von '{name}'");

    public static DmnSubject DecisionService(string name) => new($"Decision service '{name}'", $"Entscheidungsdienst '{name}'");

    public static DmnSubject Column(string name) => new($"Column '{name}'", $"Spalte '{name}'");

    public static DmnSubject ContextEntry(string name) => new($"Context entry '{name}'", $"Kontexteintrag '{name}'");

    public static DmnSubject FunctionResult() => new("Function result", "Funktionsergebnis");

    public static DmnSubject Expression() => new("Expression", "Ausdruck");

    public static DmnSubject RuleOutput(string name, int rule) => new($"Output '{name}' of rule {rule}", $"Ausgabe '{name}' von Regel {rule}");

    public static DmnSubject OutputDefault(string name) => new($"Default of output '{name}'", $"Vorgabewert der Ausgabe '{name}'");
}

/// <summary>The one table of DMN messages: each method gives one code with its English and German text.</summary>
public static class DmnTexts
{
    private static readonly CultureInfo GermanCulture = CultureInfo.GetCultureInfo("de-DE");

    // Reading (DmnParser)

    /// <summary>The file is longer than allowed.</summary>
    public static DmnText FileTooLarge(long length, long maximum) => new(
        "dmn.file-too-large",
        $"The DMN file is {length} bytes long; at most {maximum} are accepted.",
        $"Die DMN-Datei ist {length.ToString("N0", GermanCulture)} Bytes lang; höchstens {maximum.ToString("N0", GermanCulture)} sind zulässig.");

    /// <summary>The file is not well-formed or not acceptable XML.</summary>
    public static DmnText InvalidXml(string reason) => new(
        "dmn.invalid-xml",
        "The DMN file is not acceptable XML: " + reason,
        "Die DMN-Datei ist kein zulässiges XML: " + reason);

    /// <summary>The file has no root element.</summary>
    public static DmnText NoRootElement() => new(
        "dmn.no-root-element",
        "The DMN file has no root element.",
        "Die DMN-Datei hat kein Wurzelelement.");

    /// <summary>The root element is not DMN definitions.</summary>
    public static DmnText NotDefinitions(string root) => new(
        "dmn.not-definitions",
        $"The root element must be a DMN 1.1–1.5 'definitions' element, not '{root}'.",
        $"Das Wurzelelement muss ein DMN-1.1–1.5-Element 'definitions' sein, nicht '{root}'.");

    /// <summary>An element lacks a required attribute or child.</summary>
    public static DmnText MissingPart(string element, string part) => new(
        "dmn.missing-part",
        $"A '{element}' needs {EnglishPart(part)}.",
        $"Ein Element '{element}' braucht {GermanPart(part)}.");

    /// <summary>An unknown expression element.</summary>
    public static DmnText UnknownExpression(string element) => new(
        "dmn.unknown-expression",
        $"Unknown expression element '{element}'.",
        $"Unbekanntes Ausdruckselement '{element}'.");

    /// <summary>An unknown function kind.</summary>
    public static DmnText UnknownFunctionKind(string kind) => new(
        "dmn.unknown-function-kind",
        $"Unknown function kind '{kind}'.",
        $"Unbekannte Funktionsart '{kind}'.");

    /// <summary>A rule's entry count does not fit the table.</summary>
    public static DmnText RuleEntryCount(int rule, int inputEntries, int outputEntries, int inputs, int outputs) => new(
        "dmn.rule-entry-count",
        $"Rule {rule} has {inputEntries} input and {outputEntries} output entries; the table has {inputs} inputs and {outputs} outputs.",
        $"Regel {rule} hat {inputEntries} Eingabe- und {outputEntries} Ausgabeeinträge; die Tabelle hat {inputs} Eingaben und {outputs} Ausgaben.");

    /// <summary>An unknown hit policy in the file.</summary>
    public static DmnText UnknownHitPolicy(string hitPolicy) => new(
        "dmn.unknown-hit-policy",
        $"Unknown hit policy '{hitPolicy}'.",
        $"Unbekannte Trefferrichtlinie '{hitPolicy}'.");

    /// <summary>An unknown aggregation.</summary>
    public static DmnText UnknownAggregation(string aggregation) => new(
        "dmn.unknown-aggregation",
        $"Unknown aggregation '{aggregation}'.",
        $"Unbekannte Aggregation '{aggregation}'.");

    /// <summary>Aggregation on a table that is not COLLECT.</summary>
    public static DmnText AggregationWithoutCollect() => new(
        "dmn.aggregation-without-collect",
        "Only a COLLECT decision table can aggregate.",
        "Nur eine Entscheidungstabelle mit COLLECT kann aggregieren.");

    // Compiling (ModelCompiler and nodes)

    /// <summary>An import was not supplied.</summary>
    public static DmnText ImportMissing(string ns) => new(
        "dmn.import-missing",
        $"The imported model with namespace '{ns}' was not supplied.",
        $"Das importierte Modell mit dem Namensraum '{ns}' wurde nicht mitgeliefert.");

    /// <summary>An id is used twice.</summary>
    public static DmnText DuplicateId(string id) => new(
        "dmn.duplicate-id",
        $"The id '{id}' is used twice.",
        $"Die Id '{id}' wird zweimal verwendet.");

    /// <summary>A decision without logic.</summary>
    public static DmnText DecisionWithoutLogic(string decision) => new(
        "dmn.decision-without-logic",
        $"Decision '{decision}' has no decision logic; it evaluates to null.",
        $"Die Entscheidung '{decision}' hat keine Entscheidungslogik; sie ergibt null.");

    /// <summary>A business knowledge model without logic.</summary>
    public static DmnText BkmWithoutLogic(string bkm) => new(
        "dmn.bkm-without-logic",
        $"Business knowledge model '{bkm}' has no logic; calls give null.",
        $"Das Geschäftswissensmodell '{bkm}' hat keine Logik; Aufrufe ergeben null.");

    /// <summary>A business knowledge model of an unsupported function kind.</summary>
    public static DmnText BkmUnsupportedKind(string bkm, string kind) => new(
        "dmn.bkm-unsupported-kind",
        $"Business knowledge model '{bkm}' is a {kind} function, which this engine does not support; calls give null.",
        $"Das Geschäftswissensmodell '{bkm}' ist eine {kind}-Funktion; diese Art unterstützt die Engine nicht, Aufrufe ergeben null.");

    /// <summary>A requirement names an element that is not there.</summary>
    public static DmnText RequirementMissing(string owner, string reference) => new(
        "dmn.requirement-missing",
        $"'{owner}' requires '{reference}', which is not in the model or its imports.",
        $"'{owner}' benötigt '{reference}', das weder im Modell noch in seinen Importen vorkommt.");

    /// <summary>An unknown type reference.</summary>
    public static DmnText UnknownType(string typeRef) => new(
        "dmn.unknown-type",
        $"Unknown type '{typeRef}'; values of it are not checked.",
        $"Unbekannter Typ '{typeRef}'; seine Werte werden nicht geprüft.");

    /// <summary>An expression kind the compiler does not know.</summary>
    public static DmnText UnsupportedExpressionKind(string kind) => new(
        "dmn.unsupported-expression-kind",
        $"Unsupported expression kind {kind}.",
        $"Nicht unterstützte Ausdrucksart {kind}.");

    /// <summary>An expression language other than FEEL (at compile time).</summary>
    public static DmnText UnsupportedLanguage(string language) => new(
        "dmn.unsupported-language",
        $"Expression language '{language}' is not supported; only FEEL is.",
        $"Die Ausdruckssprache '{language}' wird nicht unterstützt; nur FEEL.");

    /// <summary>An expression in a language other than FEEL is evaluated.</summary>
    public static DmnText UnsupportedLanguageEvaluated(string language) => new(
        "dmn.unsupported-language-evaluated",
        $"Expression language '{language}' is not supported.",
        $"Die Ausdruckssprache '{language}' wird nicht unterstützt.");

    /// <summary>A relation row has the wrong number of cells.</summary>
    public static DmnText RelationRowCells(int cells, int columns) => new(
        "dmn.relation-row-cells",
        $"A relation row has {cells} cells for {columns} columns.",
        $"Eine Zeile der Relation hat {cells} Zellen für {columns} Spalten.");

    /// <summary>An unnamed context entry that is not the last.</summary>
    public static DmnText UnnamedContextEntry() => new(
        "dmn.unnamed-context-entry",
        "Only the last entry of a context may be unnamed (the result entry).",
        "Nur der letzte Eintrag eines Kontexts darf ohne Namen sein (der Ergebniseintrag).");

    /// <summary>An item definition based on itself.</summary>
    public static DmnText ItemDefinitionCycle(string start, string current) => new(
        "dmn.item-definition-cycle",
        $"Item definition '{start}' is based on itself (through '{current}').",
        $"Die Typdefinition '{start}' beruht auf sich selbst (über '{current}').");

    /// <summary>A function kind that is not supported (at compile time).</summary>
    public static DmnText FunctionKindNotSupported(string kind) => new(
        "dmn.function-kind-not-supported",
        $"{kind} functions are not supported; calls give null.",
        $"{kind}-Funktionen werden nicht unterstützt; Aufrufe ergeben null.");

    /// <summary>A function kind that is not supported is called.</summary>
    public static DmnText FunctionKindCalled(string kind) => new(
        "dmn.function-kind-called",
        $"{kind} functions are not supported by this engine.",
        $"{kind}-Funktionen unterstützt diese Engine nicht.");

    /// <summary>A FEEL expression has a syntax error.</summary>
    public static DmnText FeelSyntaxError(string expression, string reason, string reasonGerman) => new(
        "dmn.feel-syntax-error",
        $"FEEL syntax error in '{expression}': {reason}",
        $"FEEL-Syntaxfehler in '{expression}': {reasonGerman}");

    /// <summary>FEEL unary tests have a syntax error.</summary>
    public static DmnText FeelUnaryTestsSyntaxError(string tests, string reason, string reasonGerman) => new(
        "dmn.feel-unary-tests-syntax-error",
        $"FEEL syntax error in unary tests '{tests}': {reason}",
        $"FEEL-Syntaxfehler in den Vergleichstests '{tests}': {reasonGerman}");

    /// <summary>A decision table with several outputs has an unnamed output.</summary>
    public static DmnText UnnamedOutput() => new(
        "dmn.unnamed-output",
        "Every output of a decision table with several outputs needs a name.",
        "Jede Ausgabe einer Entscheidungstabelle mit mehreren Ausgaben braucht einen Namen.");

    // Evaluating

    /// <summary>A decision requires itself.</summary>
    public static DmnText DecisionRequiresItself(string decision) => new(
        "dmn.decision-requires-itself",
        $"Decision '{decision}' requires itself (a cycle in the requirements).",
        $"Die Entscheidung '{decision}' benötigt sich selbst (ein Kreis in den Anforderungen).");

    /// <summary>A business knowledge model without logic is called.</summary>
    public static DmnText BkmHasNoLogic(string bkm) => new(
        "dmn.bkm-has-no-logic",
        $"Business knowledge model '{bkm}' cannot be called: it has no logic.",
        $"Das Geschäftswissensmodell '{bkm}' kann nicht aufgerufen werden: es hat keine Logik.");

    /// <summary>A business knowledge model of an unsupported kind is called.</summary>
    public static DmnText BkmKindNotSupported(string bkm, string kind) => new(
        "dmn.bkm-kind-not-supported",
        $"Business knowledge model '{bkm}' cannot be called: {kind} functions are not supported.",
        $"Das Geschäftswissensmodell '{bkm}' kann nicht aufgerufen werden: {kind}-Funktionen werden nicht unterstützt.");

    /// <summary>The call depth limit was hit.</summary>
    public static DmnText CallDepthLimit(int maximum, string what) => new(
        "dmn.call-depth-limit",
        $"Evaluation stopped: calls nested deeper than {maximum} levels in '{what}' (endless recursion?).",
        $"Auswertung abgebrochen: Aufrufe tiefer als {maximum} Ebenen verschachtelt in '{what}' (endlose Rekursion?).");

    /// <summary>A value does not conform to its type.</summary>
    internal static DmnText TypeMismatch(DmnSubject what, string value, string type) => new(
        "dmn.type-mismatch",
        $"{what.English}: the value {value} does not conform to type '{type}'; it is replaced by null.",
        $"{what.German}: der Wert {value} passt nicht zum Typ '{type}'; er wird durch null ersetzt.");

    /// <summary>The condition of a boxed conditional is not boolean.</summary>
    public static DmnText ConditionNotBoolean(string value) => new(
        "dmn.condition-not-boolean",
        $"The condition of a boxed conditional must be a boolean, not {value}.",
        $"Die Bedingung einer Fallunterscheidung muss ein Wahrheitswert sein, nicht {value}.");

    /// <summary>The condition of some/every is not boolean.</summary>
    public static DmnText QuantifierNotBoolean(string kind, string value) => new(
        "dmn.quantifier-not-boolean",
        $"The condition of '{kind}' must be a boolean for every item, not {value}.",
        $"Die Bedingung von '{kind}' muss für jeden Eintrag ein Wahrheitswert sein, nicht {value}.");

    /// <summary>An iteration is too long.</summary>
    public static DmnText IterationLimit(System.Numerics.BigInteger count, int maximum) => new(
        "dmn.iteration-limit",
        $"Iteration over {count} items is more than the limit of {maximum}.",
        $"Die Iteration über {count} Einträge überschreitet die Grenze von {maximum}.");

    /// <summary>An invocation of something that is not a function.</summary>
    public static DmnText NotAFunction() => new(
        "dmn.not-a-function",
        "The invoked name is not a function.",
        "Der aufgerufene Name ist keine Funktion.");

    /// <summary>An invocation binds an unknown parameter.</summary>
    public static DmnText UnknownParameter(string function, string parameter) => new(
        "dmn.unknown-parameter",
        $"'{function}' has no parameter '{parameter}'.",
        $"'{function}' hat keinen Parameter '{parameter}'.");

    /// <summary>An input value is not among the allowed input values.</summary>
    public static DmnText InputValueNotAllowed(string value, string input, string allowed) => new(
        "dmn.input-value-not-allowed",
        $"The value {value} of input '{input}' is not among its input values ({allowed}).",
        $"Der Wert {value} der Eingabe '{input}' gehört nicht zu ihren zulässigen Werten ({allowed}).");

    /// <summary>The UNIQUE hit policy is violated.</summary>
    public static DmnText UniqueViolated(string rules) => new(
        "dmn.unique-violated",
        $"Hit policy UNIQUE violated: rules {rules} match.",
        $"Trefferrichtlinie UNIQUE verletzt: die Regeln {rules} treffen zu.");

    /// <summary>The ANY hit policy is violated.</summary>
    public static DmnText AnyViolated(string rules) => new(
        "dmn.any-violated",
        $"Hit policy ANY violated: rules {rules} match with different outputs.",
        $"Trefferrichtlinie ANY verletzt: die Regeln {rules} treffen mit verschiedenen Ausgaben zu.");

    /// <summary>A hit policy the evaluator does not know.</summary>
    public static DmnText HitPolicyNotEvaluable(string hitPolicy) => new(
        "dmn.hit-policy-not-evaluable",
        $"Unknown hit policy {hitPolicy}.",
        $"Unbekannte Trefferrichtlinie {hitPolicy}.");

    /// <summary>An output value is not among the allowed output values.</summary>
    public static DmnText OutputValueNotAllowed(string value, int rule, string output, string allowed) => new(
        "dmn.output-value-not-allowed",
        $"The output {value} of rule {rule} is not among the output values of '{output}' ({allowed}).",
        $"Die Ausgabe {value} von Regel {rule} gehört nicht zu den zulässigen Werten von '{output}' ({allowed}).");

    /// <summary>An aggregating COLLECT table with more than one output.</summary>
    public static DmnText AggregationNeedsOneOutput() => new(
        "dmn.aggregation-needs-one-output",
        "A COLLECT table with an aggregation must have exactly one output.",
        "Eine COLLECT-Tabelle mit Aggregation muss genau eine Ausgabe haben.");

    /// <summary>An aggregation the evaluator does not know.</summary>
    public static DmnText AggregationNotEvaluable(string aggregation) => new(
        "dmn.aggregation-not-evaluable",
        $"Unknown aggregation {aggregation}.",
        $"Unbekannte Aggregation {aggregation}.");

    /// <summary>C+ over something that is not a number.</summary>
    public static DmnText SumNotNumber(string value) => new(
        "dmn.sum-not-number",
        $"C+ can only add numbers, not {value}.",
        $"C+ kann nur Zahlen addieren, nicht {value}.");

    /// <summary>C&gt; or C&lt; over values that cannot be compared.</summary>
    public static DmnText CannotCompare(string aggregation, string value, string best) => new(
        "dmn.cannot-compare",
        $"{aggregation} cannot compare {value} with {best}.",
        $"{aggregation} kann {value} nicht mit {best} vergleichen.");

    /// <summary>PRIORITY or OUTPUT ORDER without output values.</summary>
    public static DmnText PriorityWithoutOutputValues() => new(
        "dmn.priority-without-output-values",
        "PRIORITY and OUTPUT ORDER need output values to rank outputs; rule order is used.",
        "PRIORITY und OUTPUT ORDER brauchen zulässige Ausgabewerte für die Rangfolge; die Reihenfolge der Regeln gilt.");

    private static string EnglishPart(string part) => part switch
    {
        "name" => "a name",
        "href" => "an href",
        "namespace" => "a namespace",
        "parameter" => "a parameter",
        "output" => "at least one output",
        "inputExpression" => "an input expression",
        "calledFunction" => "the name of the called function",
        _ => "'" + part + "'",
    };

    private static string GermanPart(string part) => part switch
    {
        "name" => "einen Namen",
        "href" => "ein href",
        "namespace" => "einen Namensraum",
        "parameter" => "einen Parameter",
        "output" => "mindestens eine Ausgabe",
        "inputExpression" => "einen Eingabeausdruck",
        "calledFunction" => "den Namen der aufgerufenen Funktion",
        _ => "'" + part + "'",
    };
}
