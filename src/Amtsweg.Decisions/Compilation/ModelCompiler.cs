using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Decisions.Model.Expressions;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Compilation;

/// <summary>
/// Compiles a model and the models it imports: resolves imports and requirement references, builds the types and
/// parses every FEEL expression once into a tree of <see cref="Node"/>s.
/// </summary>
internal sealed class ModelCompiler
{
    private readonly List<DmnMessage> _messages = [];
    private readonly Dictionary<string, ModelUnit> _units = new(StringComparer.Ordinal);

    private ModelCompiler()
    {
    }

    public IReadOnlyList<DmnMessage> Messages => _messages;

    public ModelUnit Main { get; private set; } = null!;

    public IEnumerable<ModelUnit> Units => _units.Values;

    public static ModelCompiler Compile(DmnDefinitions main, IEnumerable<DmnDefinitions> available)
    {
        var compiler = new ModelCompiler();
        var candidates = available.Where(d => !ReferenceEquals(d, main)).ToList();
        compiler.Main = compiler.Load(main, candidates, isMain: true);
        foreach (var unit in compiler._units.Values.ToList())
        {
            compiler.CreateElements(unit);
        }

        foreach (var unit in compiler._units.Values.ToList())
        {
            compiler.CompileElements(unit);
        }

        foreach (var unit in compiler._units.Values)
        {
            unit.Types.Prepare();
        }

        return compiler;
    }

    public void Warn(DmnText text, string? elementId, SourceLocation location, string? columnId = null) =>
        _messages.Add(new DmnMessage(DmnMessageSeverity.Warning, text, elementId, location) { ColumnId = columnId });

    private void Error(DmnText text, string? elementId, SourceLocation location) =>
        _messages.Add(new DmnMessage(DmnMessageSeverity.Error, text, elementId, location));

    private ModelUnit Load(DmnDefinitions definitions, List<DmnDefinitions> candidates, bool isMain)
    {
        if (_units.TryGetValue(definitions.Namespace, out var existing))
        {
            return existing;
        }

        var unit = new ModelUnit(this, definitions, isMain);
        _units[definitions.Namespace] = unit;
        foreach (var import in definitions.Imports.Where(i => i.IsDmn))
        {
            var imported = candidates.FirstOrDefault(c => c.Namespace == import.Namespace);
            if (imported is null)
            {
                throw new DmnModelException(DmnTexts.ImportMissing(import.Namespace), null, import.Location);
            }

            unit.ImportedUnits.Add(new KeyValuePair<string, ModelUnit>(import.Name, Load(imported, candidates, isMain: false)));
        }

        return unit;
    }

    private void CreateElements(ModelUnit unit)
    {
        var definitions = unit.Definitions;
        foreach (var element in definitions.InputData)
        {
            Add(unit, new ElementInfo(element, unit, ElementKind.InputData));
        }

        foreach (var element in definitions.Decisions)
        {
            Add(unit, new ElementInfo(element, unit, ElementKind.Decision));
        }

        foreach (var element in definitions.BusinessKnowledgeModels)
        {
            Add(unit, new ElementInfo(element, unit, ElementKind.BusinessKnowledgeModel));
        }

        foreach (var element in definitions.DecisionServices)
        {
            Add(unit, new ElementInfo(element, unit, ElementKind.DecisionService));
        }
    }

    private static void Add(ModelUnit unit, ElementInfo info)
    {
        if (!unit.Elements.TryAdd(info.Id, info))
        {
            throw new DmnModelException(DmnTexts.DuplicateId(info.Id), info.Id, info.Element.Location);
        }
    }

    private void CompileElements(ModelUnit unit)
    {
        foreach (var info in unit.Elements.Values)
        {
            info.Type = ResolveType(unit, info.Element.TypeRef, info.Id, info.Element.Location);
            switch (info.Element)
            {
                case Decision decision:
                    info.Requirements.AddRange(decision.RequiredDecisions.Concat(decision.RequiredInputs).Select(r => Resolve(unit, r, info)).OfType<ElementInfo>());
                    info.Knowledge.AddRange(decision.RequiredKnowledge.Select(r => Resolve(unit, r, info)).OfType<ElementInfo>());
                    if (decision.Expression is null)
                    {
                        Warn(DmnTexts.DecisionWithoutLogic(decision.Name), decision.Id, decision.Location);
                    }

                    info.Body = CompileExpression(decision.Expression, unit.RootScope, decision.Id, decision.Location);
                    break;
                case BusinessKnowledgeModel bkm:
                    CompileBkm(unit, info, bkm);
                    break;
                case DecisionService service:
                    info.ServiceOutputs.AddRange(service.OutputDecisions.Select(r => Resolve(unit, r, info)).OfType<ElementInfo>());
                    // The TCK (0085, cases 011 to 014) fixes the parameter order: input data first, then input decisions.
                    info.ServiceInputs.AddRange(service.InputData.Concat(service.InputDecisions).Select(r => Resolve(unit, r, info)).OfType<ElementInfo>());
                    info.ResultType = ResultTypeOf(info.Type);
                    break;
                case InputData:
                    break;
                default:
                    throw new InvalidOperationException("Unknown DRG element " + info.Element.GetType().Name);
            }
        }
    }

    private void CompileBkm(ModelUnit unit, ElementInfo info, BusinessKnowledgeModel bkm)
    {
        info.Knowledge.AddRange(bkm.RequiredKnowledge.Select(r => Resolve(unit, r, info)).OfType<ElementInfo>());
        var logic = bkm.EncapsulatedLogic;
        if (logic is null)
        {
            Warn(DmnTexts.BkmWithoutLogic(bkm.Name), bkm.Id, bkm.Location);
            return;
        }

        info.FunctionKind = logic.Kind;
        info.Parameters.AddRange(logic.Parameters.Select(p => new FeelParameter(p.Name, ResolveType(unit, p.TypeRef, p.Id ?? bkm.Id, p.Location))));
        info.ResultType = ResolveType(unit, logic.TypeRef, bkm.Id, bkm.Location) ?? ResultTypeOf(info.Type);
        if (logic.Kind != FunctionKind.Feel)
        {
            Warn(DmnTexts.BkmUnsupportedKind(bkm.Name, logic.Kind.ToString()), bkm.Id, bkm.Location);
            return;
        }

        var scope = unit.RootScope.With(logic.Parameters.Select(p => p.Name));
        info.Body = CompileExpression(logic.Body, scope, bkm.Id, bkm.Location);
    }

    private ElementInfo? Resolve(ModelUnit from, DmnReference reference, ElementInfo owner)
    {
        var unit = reference.Namespace is null || reference.Namespace == from.Namespace ? from : _units.GetValueOrDefault(reference.Namespace);
        if (unit is not null && unit.Elements.TryGetValue(reference.Id, out var target))
        {
            return target;
        }

        Error(DmnTexts.RequirementMissing(owner.Name, reference.ToString()), owner.Id, owner.Element.Location);
        return null;
    }

    public FeelType? ResolveType(ModelUnit unit, string? typeRef, string? elementId, SourceLocation location)
    {
        if (string.IsNullOrWhiteSpace(typeRef))
        {
            return null;
        }

        var type = unit.Types.Resolve(typeRef);
        if (type is null)
        {
            Warn(DmnTexts.UnknownType(typeRef), elementId, location);
        }

        return type;
    }

    /// <summary>
    /// The result type of a function-valued element (knowledge model, decision service): the output type of a
    /// function item definition, nothing for the plain <c>function</c> type, otherwise the type itself (tools write
    /// the result type into the variable).
    /// </summary>
    public FeelType? ResultTypeOf(FeelType? type) => type switch
    {
        ItemDefinitionType { Definition.FunctionItem: { } item } t => item.OutputTypeRef is null ? null : ResolveType(t.Registry.Unit, item.OutputTypeRef, t.Definition.Id, t.Definition.Location),
        { Name: "function" } => null,
        _ => type,
    };

    /// <summary>Compiles a boxed expression; a missing one evaluates to null.</summary>
    public Node CompileExpression(DmnExpression? expression, CompileScope scope, string? ownerId, SourceLocation ownerLocation)
    {
        if (expression is null)
        {
            return new ConstantNode(FeelValue.Null, ownerId, ownerLocation);
        }

        var id = expression.Id ?? ownerId;
        var location = expression.Location.Line > 0 ? expression.Location : ownerLocation;
        var node = CompileUntyped(expression, scope, id, location);

        // A declared expression type is enforced like a variable's (0082: a BKM body typed as a context that gives a boolean is null).
        var type = expression is FunctionDefinition ? null : ResolveType(scope.Unit, expression.TypeRef, id, location);
        return type is null ? node : new TypedNode(node, type, id, location);
    }

    private Node CompileUntyped(DmnExpression expression, CompileScope scope, string? id, SourceLocation location)
    {
        return expression switch
        {
            LiteralExpression literal => CompileLiteral(literal, scope, id, location),
            DecisionTable table => DecisionTableNode.Compile(table, scope, id, location),
            ContextExpression context => ContextNode.Compile(context, scope, id, location),
            Invocation invocation => InvocationNode.Compile(invocation, scope, id, location),
            FunctionDefinition function => FunctionNode.Compile(function, scope, id, location),
            Relation relation => RelationNode.Compile(relation, scope, id, location),
            ListExpression list => new ListNode(list.Items.Select(i => CompileExpression(i, scope, id, location)).ToList(), id, location),
            Conditional conditional => new ConditionalNode(
                CompileExpression(conditional.If, scope, id, location),
                CompileExpression(conditional.Then, scope, id, location),
                CompileExpression(conditional.Else, scope, id, location),
                id,
                location),
            Filter filter => new FilterNode(
                CompileExpression(filter.In, scope, id, location),
                CompileExpression(filter.Match, scope.With(["item"]), id, location),
                id,
                location),
            Model.Expressions.Iterator iterator => new IteratorNode(
                iterator.Kind,
                iterator.IteratorVariable,
                CompileExpression(iterator.In, scope, id, location),
                CompileExpression(iterator.Body, scope.With([iterator.IteratorVariable]), id, location),
                id,
                location),
            _ => throw new DmnModelException(DmnTexts.UnsupportedExpressionKind(expression.GetType().Name), id, location),
        };
    }

    private Node CompileLiteral(LiteralExpression literal, CompileScope scope, string? id, SourceLocation location)
    {
        if (literal.ExpressionLanguage is { } language && !IsFeel(language))
        {
            Error(DmnTexts.UnsupportedLanguage(language), id, location);
            return new ConstantNode(FeelValue.Null, id, location, DmnTexts.UnsupportedLanguageEvaluated(language));
        }

        if (string.IsNullOrWhiteSpace(literal.Text))
        {
            return new ConstantNode(FeelValue.Null, id, location);
        }

        return new LiteralNode(CompiledExpression.Compile(literal.Text, scope, id, location), id, location);
    }

    private static bool IsFeel(string language) =>
        language.Contains("FEEL", StringComparison.OrdinalIgnoreCase);
}
