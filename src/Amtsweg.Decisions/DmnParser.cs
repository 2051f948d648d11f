using System.Xml;
using System.Xml.Linq;
using Amtsweg.Decisions.Model;
using Amtsweg.Decisions.Model.Expressions;
using Amtsweg.Xml;

namespace Amtsweg.Decisions;

/// <summary>
/// Reads DMN 1.1 to 1.5 XML (as written by dmn-js, Camunda, Trisotech, KIE and others) into an immutable
/// <see cref="DmnDefinitions"/>. All XML goes through <see cref="SafeXml"/>: no DTDs, no external resources,
/// size and depth limits. Diagram information (DMNDI) and vendor extensions are ignored.
/// </summary>
public static class DmnParser
{
    private static readonly HashSet<string> ExpressionElements = new(StringComparer.Ordinal)
    {
        "literalExpression", "decisionTable", "context", "invocation", "functionDefinition", "relation", "list",
        "conditional", "filter", "for", "some", "every",
    };

    /// <summary>Reads a model from a stream.</summary>
    /// <param name="input">The DMN XML.</param>
    /// <param name="limits">XML limits; <see cref="XmlLimits.Default"/> when <see langword="null"/>.</param>
    /// <param name="sourcePath">The file name to record in the model, if any.</param>
    /// <exception cref="DmnModelException">The document is not well-formed, is hostile or oversized, or is not a valid DMN model.</exception>
    public static DmnDefinitions Parse(Stream input, XmlLimits? limits = null, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var effective = limits ?? XmlLimits.Default;

        // A seekable stream larger than the character limit cannot be a valid model: refuse it before reading a byte.
        if (input.CanSeek && input.Length - input.Position > effective.MaxCharacters)
        {
            throw new DmnModelException(DmnTexts.FileTooLarge(input.Length, effective.MaxCharacters));
        }

        XDocument document;
        try
        {
            document = SafeXml.LoadDocument(input, effective);
        }
        catch (XmlException ex)
        {
            throw new DmnModelException(DmnTexts.InvalidXml(ex.Message), null, new SourceLocation(ex.LineNumber, ex.LinePosition), ex);
        }

        return Read(document, sourcePath);
    }

    /// <summary>Reads a model from a file.</summary>
    /// <exception cref="DmnModelException">The file is not a valid DMN model.</exception>
    public static DmnDefinitions ParseFile(string path, XmlLimits? limits = null)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream, limits, path);
    }

    /// <summary>Reads a model from XML text.</summary>
    /// <exception cref="DmnModelException">The text is not a valid DMN model.</exception>
    public static DmnDefinitions ParseText(string xml, XmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        return Parse(stream, limits);
    }

    private static DmnDefinitions Read(XDocument document, string? sourcePath)
    {
        var root = document.Root ?? throw new DmnModelException(DmnTexts.NoRootElement());
        var version = DmnNamespaces.VersionOf(root.Name.NamespaceName);
        if (root.Name.LocalName != "definitions" || version is null)
        {
            throw new DmnModelException(
                DmnTexts.NotDefinitions(root.Name.ToString()), Attr(root, "id"), LocationOf(root));
        }

        var reader = new ElementReader(root.Name.Namespace, version);
        return reader.ReadDefinitions(root) with { SourcePath = sourcePath };
    }

    internal static SourceLocation LocationOf(XElement element) =>
        element is IXmlLineInfo info && info.HasLineInfo() ? new SourceLocation(info.LineNumber, info.LinePosition) : default;

    private static string? Attr(XElement element, string name) => element.Attribute(name)?.Value;

    /// <summary>Reads the elements of one DMN namespace.</summary>
    private sealed class ElementReader(XNamespace ns, string version)
    {
        public DmnDefinitions ReadDefinitions(XElement root)
        {
            var name = Attr(root, "name") ?? "";
            var modelNamespace = Attr(root, "namespace") ?? "";
            return new DmnDefinitions
            {
                Id = Attr(root, "id"),
                Name = name,
                Namespace = modelNamespace,
                DmnVersion = version,
                ExpressionLanguage = Attr(root, "expressionLanguage"),
                Imports = Children(root, "import").Select(ReadImport).ToList(),
                ItemDefinitions = Children(root, "itemDefinition").Select(ReadItemDefinition).ToList(),
                InputData = Children(root, "inputData").Select(e => Fill(new InputData { Id = "", Name = "" }, e)).ToList(),
                Decisions = Children(root, "decision").Select(ReadDecision).ToList(),
                BusinessKnowledgeModels = Children(root, "businessKnowledgeModel").Select(ReadBkm).ToList(),
                DecisionServices = Children(root, "decisionService").Select(ReadDecisionService).ToList(),
            };
        }

        private IEnumerable<XElement> Children(XElement parent, string localName) => parent.Elements(ns + localName);

        private XElement? Child(XElement parent, string localName) => parent.Element(ns + localName);

        private DmnImport ReadImport(XElement e) =>
            new(Attr(e, "namespace") ?? throw Error(DmnTexts.MissingPart("import", "namespace"), e), Attr(e, "name") ?? "", Attr(e, "importType"), Attr(e, "locationURI"), LocationOf(e));

        private ItemDefinition ReadItemDefinition(XElement e)
        {
            var name = Attr(e, "name") ?? throw Error(DmnTexts.MissingPart("itemDefinition", "name"), e);
            var typeRefElement = Child(e, "typeRef");
            var typeRef = typeRefElement is not null ? typeRefElement.Value : Attr(e, "typeRef");
            FunctionItem? functionItem = null;
            if (Child(e, "functionItem") is { } fi)
            {
                functionItem = new FunctionItem(Children(fi, "parameters").Select(ReadInformationItem).ToList(), TypeName(Attr(fi, "outputTypeRef")));
            }

            return new ItemDefinition
            {
                Id = Attr(e, "id"),
                Name = name.Trim(),
                TypeRef = TypeName(typeRef),
                TypeLanguage = Attr(e, "typeLanguage"),
                AllowedValues = TextOf(Child(e, "allowedValues")),
                TypeConstraint = TextOf(Child(e, "typeConstraint")),
                IsCollection = string.Equals(Attr(e, "isCollection"), "true", StringComparison.OrdinalIgnoreCase),
                Components = Children(e, "itemComponent").Select(ReadItemDefinition).ToList(),
                FunctionItem = functionItem,
                Location = LocationOf(e),
            };
        }

        private Decision ReadDecision(XElement e)
        {
            var requirements = Children(e, "informationRequirement").ToList();
            return Fill(new Decision { Id = "", Name = "" }, e) with
            {
                RequiredDecisions = requirements.SelectMany(r => Children(r, "requiredDecision")).Select(Href).ToList(),
                RequiredInputs = requirements.SelectMany(r => Children(r, "requiredInput")).Select(Href).ToList(),
                RequiredKnowledge = KnowledgeRequirements(e),
                Expression = ReadExpressionChild(e),
            };
        }

        private BusinessKnowledgeModel ReadBkm(XElement e)
        {
            var logic = Child(e, "encapsulatedLogic");
            return Fill(new BusinessKnowledgeModel { Id = "", Name = "" }, e) with
            {
                EncapsulatedLogic = logic is null ? null : ReadFunctionDefinition(logic),
                RequiredKnowledge = KnowledgeRequirements(e),
            };
        }

        private DecisionService ReadDecisionService(XElement e) =>
            Fill(new DecisionService { Id = "", Name = "" }, e) with
            {
                OutputDecisions = Children(e, "outputDecision").Select(Href).ToList(),
                EncapsulatedDecisions = Children(e, "encapsulatedDecision").Select(Href).ToList(),
                InputDecisions = Children(e, "inputDecision").Select(Href).ToList(),
                InputData = Children(e, "inputData").Select(Href).ToList(),
            };

        private List<DmnReference> KnowledgeRequirements(XElement e) =>
            Children(e, "knowledgeRequirement").SelectMany(r => Children(r, "requiredKnowledge")).Select(Href).ToList();

        private T Fill<T>(T element, XElement e)
            where T : DrgElement
        {
            var variableElement = Child(e, "variable");
            var variable = variableElement is null ? null : ReadInformationItem(variableElement);
            var name = Attr(e, "name") ?? variable?.Name ?? throw Error(DmnTexts.MissingPart(e.Name.LocalName, "name"), e);

            // The schema requires ids, but hand-written models (and one TCK model) leave them out; the name then serves.
            var id = Attr(e, "id") ?? name;
            return element with { Id = id, Name = name.Trim(), Variable = variable, Location = LocationOf(e) };
        }

        private DmnReference Href(XElement e)
        {
            var href = Attr(e, "href") ?? throw Error(DmnTexts.MissingPart(e.Name.LocalName, "href"), e);
            return DmnReference.Parse(href);
        }

        private InformationItem ReadInformationItem(XElement e) =>
            new(Attr(e, "id"), (Attr(e, "name") ?? "").Trim(), TypeName(Attr(e, "typeRef")), LocationOf(e));

        /// <summary>DMN 1.1 writes type references as QNames (<c>feel:string</c>); later versions as names.</summary>
        private string? TypeName(string? typeRef)
        {
            if (typeRef is null)
            {
                return null;
            }

            var trimmed = typeRef.Trim();
            if (version == "1.1")
            {
                var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && trimmed[..colon].All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.'))
                {
                    trimmed = trimmed[(colon + 1)..];
                }
            }

            return trimmed.Length == 0 ? null : trimmed;
        }

        private string? TextOf(XElement? e)
        {
            if (e is null)
            {
                return null;
            }

            var text = Child(e, "text");
            return text is null ? e.Value : text.Value;
        }

        private DmnExpression? ReadExpressionChild(XElement parent)
        {
            var child = parent.Elements().FirstOrDefault(c => c.Name.Namespace == ns && ExpressionElements.Contains(c.Name.LocalName));
            return child is null ? null : ReadExpression(child);
        }

        private DmnExpression ReadExpression(XElement e)
        {
            DmnExpression expression = e.Name.LocalName switch
            {
                "literalExpression" => ReadLiteral(e),
                "decisionTable" => ReadDecisionTable(e),
                "context" => new ContextExpression
                {
                    Entries = Children(e, "contextEntry")
                        .Select(c => new ContextEntry(Child(c, "variable") is { } v ? ReadInformationItem(v) : null, ReadExpressionChild(c)))
                        .ToList(),
                },
                "invocation" => new Invocation
                {
                    CalledFunction = ReadExpressionChild(e) ?? throw Error(DmnTexts.MissingPart("invocation", "calledFunction"), e),
                    Bindings = Children(e, "binding")
                        .Select(b => new Binding(
                            ReadInformationItem(Child(b, "parameter") ?? throw Error(DmnTexts.MissingPart("binding", "parameter"), b)),
                            ReadExpressionChild(b)))
                        .ToList(),
                },
                "functionDefinition" => ReadFunctionDefinition(e),
                "relation" => new Relation
                {
                    Columns = Children(e, "column").Select(ReadInformationItem).ToList(),
                    Rows = Children(e, "row").Select(r => (IReadOnlyList<DmnExpression?>)ExpressionsOf(r)).ToList(),
                },
                "list" => new ListExpression { Items = ExpressionsOf(e) },
                "conditional" => new Conditional
                {
                    If = Part(e, "if"),
                    Then = Part(e, "then"),
                    Else = Part(e, "else"),
                },
                "filter" => new Filter { In = Part(e, "in"), Match = Part(e, "match") },
                "for" => ReadIterator(e, IteratorKind.For, "return"),
                "some" => ReadIterator(e, IteratorKind.Some, "satisfies"),
                "every" => ReadIterator(e, IteratorKind.Every, "satisfies"),
                _ => throw Error(DmnTexts.UnknownExpression(e.Name.LocalName), e),
            };

            return expression with { Id = Attr(e, "id"), TypeRef = TypeName(Attr(e, "typeRef")), Location = LocationOf(e) };
        }

        private List<DmnExpression?> ExpressionsOf(XElement parent) =>
            parent.Elements()
                .Where(c => c.Name.Namespace == ns && ExpressionElements.Contains(c.Name.LocalName))
                .Select(c => (DmnExpression?)ReadExpression(c))
                .ToList();

        private DmnExpression? Part(XElement e, string name) => Child(e, name) is { } part ? ReadExpressionChild(part) : null;

        private Model.Expressions.Iterator ReadIterator(XElement e, IteratorKind kind, string bodyName) =>
            new()
            {
                Kind = kind,
                IteratorVariable = Attr(e, "iteratorVariable") ?? throw Error(DmnTexts.MissingPart(e.Name.LocalName, "iteratorVariable"), e),
                In = Part(e, "in"),
                Body = Part(e, bodyName),
            };

        private LiteralExpression ReadLiteral(XElement e) =>
            new() { Text = Child(e, "text")?.Value ?? "", ExpressionLanguage = Attr(e, "expressionLanguage") };

        private FunctionDefinition ReadFunctionDefinition(XElement e)
        {
            var kindText = Attr(e, "kind") ?? "FEEL";
            var kind = kindText.ToUpperInvariant() switch
            {
                "FEEL" => FunctionKind.Feel,
                "JAVA" => FunctionKind.Java,
                "PMML" => FunctionKind.Pmml,
                _ => throw Error(DmnTexts.UnknownFunctionKind(kindText), e),
            };
            return new FunctionDefinition
            {
                Id = Attr(e, "id"),
                TypeRef = TypeName(Attr(e, "typeRef")),
                Location = LocationOf(e),
                Kind = kind,
                Parameters = Children(e, "formalParameter").Select(ReadInformationItem).ToList(),
                Body = ReadExpressionChild(e),
            };
        }

        private DecisionTable ReadDecisionTable(XElement e)
        {
            var inputs = Children(e, "input").Select(i =>
            {
                var inputExpression = Child(i, "inputExpression") ?? throw Error(DmnTexts.MissingPart("input", "inputExpression"), i);
                var literal = ReadLiteral(inputExpression) with
                {
                    Id = Attr(inputExpression, "id"),
                    TypeRef = TypeName(Attr(inputExpression, "typeRef")),
                    Location = LocationOf(inputExpression),
                };
                return new DecisionTableInput(Attr(i, "id"), Attr(i, "label"), literal, TextOf(Child(i, "inputValues")));
            }).ToList();
            var outputs = Children(e, "output").Select(o => new DecisionTableOutput(
                Attr(o, "id"),
                Attr(o, "name"),
                Attr(o, "label"),
                TypeName(Attr(o, "typeRef")),
                TextOf(Child(o, "outputValues")),
                TextOf(Child(o, "defaultOutputEntry")))).ToList();
            var annotations = Children(e, "annotation").Select(a => Attr(a, "name") ?? "").ToList();
            var rules = Children(e, "rule").Select((r, index) => new DecisionRule(
                Attr(r, "id"),
                index + 1,
                Children(r, "inputEntry").Select(x => TextOf(x) ?? "").ToList(),
                Children(r, "outputEntry").Select(x => TextOf(x) ?? "").ToList(),
                Children(r, "annotationEntry").Select(x => TextOf(x) ?? "").ToList(),
                LocationOf(r))).ToList();

            foreach (var rule in rules)
            {
                if (rule.InputEntries.Count != inputs.Count || rule.OutputEntries.Count != outputs.Count)
                {
                    throw new DmnModelException(
                        DmnTexts.RuleEntryCount(rule.Index, rule.InputEntries.Count, rule.OutputEntries.Count, inputs.Count, outputs.Count),
                        rule.Id,
                        rule.Location);
                }
            }

            if (outputs.Count == 0)
            {
                throw Error(DmnTexts.MissingPart("decisionTable", "output"), e);
            }

            var hitPolicyText = (Attr(e, "hitPolicy") ?? "UNIQUE").Trim().ToUpperInvariant();
            var hitPolicy = hitPolicyText switch
            {
                "UNIQUE" => HitPolicy.Unique,
                "ANY" => HitPolicy.Any,
                "PRIORITY" => HitPolicy.Priority,
                "FIRST" => HitPolicy.First,
                "RULE ORDER" => HitPolicy.RuleOrder,
                "OUTPUT ORDER" => HitPolicy.OutputOrder,
                "COLLECT" => HitPolicy.Collect,
                _ => throw Error(DmnTexts.UnknownHitPolicy(hitPolicyText), e),
            };
            BuiltinAggregator? aggregation = (Attr(e, "aggregation") ?? "").Trim().ToUpperInvariant() switch
            {
                "" => null,
                "SUM" => BuiltinAggregator.Sum,
                "COUNT" => BuiltinAggregator.Count,
                "MIN" => BuiltinAggregator.Min,
                "MAX" => BuiltinAggregator.Max,
                var other => throw Error(DmnTexts.UnknownAggregation(other), e),
            };
            if (aggregation is not null && hitPolicy != HitPolicy.Collect)
            {
                throw Error(DmnTexts.AggregationWithoutCollect(), e);
            }

            return new DecisionTable
            {
                Inputs = inputs,
                Outputs = outputs,
                Annotations = annotations,
                Rules = rules,
                HitPolicy = hitPolicy,
                Aggregation = aggregation,
                OutputLabel = Attr(e, "outputLabel"),
            };
        }

        private static DmnModelException Error(DmnText message, XElement e) => new(message, Attr(e, "id"), LocationOf(e));
    }
}
