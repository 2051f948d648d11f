using System.Text.Json.Nodes;
using Amtsweg.Feel;

namespace Amtsweg.Forms.Schema;

/// <summary>A form-js form: the JSON the bpmn.io form editor writes, read by <see cref="FormSchemaReader"/>. Immutable.</summary>
public sealed class FormSchema
{
    internal FormSchema(string? id, IReadOnlyList<FormComponent> components)
    {
        Id = id;
        Components = components;
    }

    /// <summary>The form's id (<c>id</c>), used by <c>zeebe:formDefinition formId</c>.</summary>
    public string? Id { get; }

    /// <summary>The top-level components in document order.</summary>
    public IReadOnlyList<FormComponent> Components { get; }

    /// <summary>Every component, containers before their children, in document order.</summary>
    public IEnumerable<FormComponent> AllComponents => Components.SelectMany(static c => c.SelfAndDescendants);
}

/// <summary>The component types of form-js that Amtsweg reads, renders and validates.</summary>
public enum FormComponentType
{
    /// <summary><c>textfield</c>: one line of text.</summary>
    TextField,

    /// <summary><c>textarea</c>: several lines of text.</summary>
    TextArea,

    /// <summary><c>number</c>.</summary>
    Number,

    /// <summary><c>datetime</c> with subtype date, time or datetime.</summary>
    DateTime,

    /// <summary><c>checkbox</c>: yes or no.</summary>
    Checkbox,

    /// <summary><c>checklist</c>: several of a list of options.</summary>
    Checklist,

    /// <summary><c>radio</c>: one of a list of options.</summary>
    Radio,

    /// <summary><c>select</c>: one of a list of options, as a drop-down.</summary>
    Select,

    /// <summary><c>taglist</c>: several of a list of options (rendered as check boxes without JavaScript).</summary>
    Taglist,

    /// <summary><c>filepicker</c>: file references.</summary>
    FilePicker,

    /// <summary><c>expression</c>: a value computed by FEEL, never entered.</summary>
    Expression,

    /// <summary><c>group</c>: a container, optionally binding its children under <c>path</c>.</summary>
    Group,

    /// <summary><c>dynamiclist</c>: a repeating container bound to a list under <c>path</c>.</summary>
    DynamicList,

    /// <summary><c>text</c>: Markdown text.</summary>
    Text,

    /// <summary><c>html</c>: shown as plain text (its markup is not trusted).</summary>
    Html,

    /// <summary><c>table</c>: a read-only table of a list of contexts.</summary>
    Table,

    /// <summary><c>image</c>.</summary>
    Image,

    /// <summary><c>iframe</c>: an embedded https page, sandboxed.</summary>
    IFrame,

    /// <summary><c>separator</c>: a horizontal rule.</summary>
    Separator,

    /// <summary><c>spacer</c>: vertical space.</summary>
    Spacer,

    /// <summary><c>button</c>: submit or reset.</summary>
    Button,
}

/// <summary>
/// A property that is either a constant or a FEEL expression (form-js writes expressions as strings starting with
/// <c>=</c>), e.g. <c>readonly</c> or <c>conditional.hide</c>.
/// </summary>
public sealed class FormExpression
{
    internal FormExpression(string text, FeelExpression expression)
    {
        Text = text;
        Feel = expression;
    }

    /// <summary>The FEEL text without the leading <c>=</c>.</summary>
    public string Text { get; }

    internal FeelExpression Feel { get; }
}

/// <summary>A static option of a radio, select, checklist or taglist.</summary>
/// <param name="Label">What the user sees.</param>
/// <param name="Value">What is stored (a JSON string, number or boolean).</param>
public sealed record FormOption(string Label, JsonNode? Value);

/// <summary>A column of a table component.</summary>
/// <param name="Label">The header.</param>
/// <param name="Key">The entry of each row context shown in the column.</param>
public sealed record FormTableColumn(string Label, string Key);

/// <summary>The <c>validate</c> rules of a component.</summary>
public sealed class FormRules
{
    /// <summary>No rules.</summary>
    public static FormRules None { get; } = new();

    /// <summary>A value must be given.</summary>
    public bool Required { get; init; }

    /// <summary>Smallest number allowed.</summary>
    public decimal? Min { get; init; }

    /// <summary>Largest number allowed.</summary>
    public decimal? Max { get; init; }

    /// <summary>Fewest characters allowed.</summary>
    public int? MinLength { get; init; }

    /// <summary>Most characters allowed.</summary>
    public int? MaxLength { get; init; }

    /// <summary>A regular expression the text must contain a match of (as JavaScript's <c>test</c>).</summary>
    public string? Pattern { get; init; }

    /// <summary><c>email</c>, <c>phone</c> or null.</summary>
    public string? ValidationType { get; init; }
}

/// <summary>One component of a form. Properties that do not apply to the component's type are null or empty.</summary>
public sealed class FormComponent
{
    internal FormComponent(FormComponentType type, string typeName, int number)
    {
        Type = type;
        TypeName = typeName;
        Number = number;
    }

    /// <summary>The component type.</summary>
    public FormComponentType Type { get; }

    /// <summary>The type as written in the schema.</summary>
    public string TypeName { get; }

    /// <summary>Position in document order, counted from 1 over all components (for messages).</summary>
    public int Number { get; }

    /// <summary><c>id</c>.</summary>
    public string? Id { get; internal init; }

    /// <summary><c>key</c>: where the value is stored; dots bind nested objects.</summary>
    public string? Key { get; internal init; }

    /// <summary><c>path</c> of groups and dynamic lists.</summary>
    public string? Path { get; internal init; }

    /// <summary><c>label</c>.</summary>
    public string? Label { get; internal init; }

    /// <summary><c>description</c>: the hint below the label.</summary>
    public string? Description { get; internal init; }

    /// <summary><c>defaultValue</c>.</summary>
    public JsonNode? DefaultValue { get; internal init; }

    /// <summary><c>readonly</c> as a constant.</summary>
    public bool ReadonlyConstant { get; internal init; }

    /// <summary><c>readonly</c> as a FEEL expression.</summary>
    public FormExpression? ReadonlyExpression { get; internal init; }

    /// <summary><c>disabled</c>.</summary>
    public bool Disabled { get; internal init; }

    /// <summary><c>conditional.hide</c>: the component is hidden while this is true.</summary>
    public FormExpression? Hide { get; internal init; }

    /// <summary><c>validate</c>.</summary>
    public FormRules Rules { get; internal init; } = FormRules.None;

    /// <summary>Static <c>values</c>.</summary>
    public IReadOnlyList<FormOption> Values { get; internal init; } = [];

    /// <summary><c>valuesKey</c>: the options come from this input variable.</summary>
    public string? ValuesKey { get; internal init; }

    /// <summary><c>valuesExpression</c>: the options come from this FEEL expression.</summary>
    public FormExpression? ValuesExpression { get; internal init; }

    /// <summary><c>appearance.prefixAdorner</c>.</summary>
    public string? Prefix { get; internal init; }

    /// <summary><c>appearance.suffixAdorner</c>.</summary>
    public string? Suffix { get; internal init; }

    /// <summary>Children of groups and dynamic lists.</summary>
    public IReadOnlyList<FormComponent> Components { get; internal init; } = [];

    /// <summary><c>isRepeating</c> of dynamic lists.</summary>
    public bool IsRepeating { get; internal init; }

    /// <summary><c>allowAddRemove</c> of dynamic lists: the user may add and remove items (see <see cref="FormListEdit"/>).</summary>
    public bool AllowAddRemove { get; internal init; }

    /// <summary><c>defaultRepetitions</c> of dynamic lists (how many empty items are shown at first).</summary>
    public int DefaultRepetitions { get; internal init; } = 1;

    /// <summary><c>subtype</c> of datetime: <c>date</c>, <c>time</c> or <c>datetime</c>.</summary>
    public string Subtype { get; internal init; } = "date";

    /// <summary><c>dateLabel</c>.</summary>
    public string? DateLabel { get; internal init; }

    /// <summary><c>timeLabel</c>.</summary>
    public string? TimeLabel { get; internal init; }

    /// <summary><c>timeSerializingFormat</c>: <c>utc_offset</c>, <c>utc_normalized</c> or <c>no_timezone</c>.</summary>
    public string TimeSerializingFormat { get; internal init; } = "utc_offset";

    /// <summary><c>timeInterval</c> in minutes.</summary>
    public int TimeInterval { get; internal init; } = 15;

    /// <summary><c>disallowPassedDates</c>.</summary>
    public bool DisallowPassedDates { get; internal init; }

    /// <summary><c>decimalDigits</c> of numbers.</summary>
    public int? DecimalDigits { get; internal init; }

    /// <summary><c>serializeToString</c> of numbers: the value is stored as a string.</summary>
    public bool SerializeToString { get; internal init; }

    /// <summary><c>text</c> of text components (Markdown, or FEEL when it starts with <c>=</c>).</summary>
    public string? Text { get; internal init; }

    /// <summary><c>content</c> of html components.</summary>
    public string? Content { get; internal init; }

    /// <summary><c>expression</c> of expression components.</summary>
    public FormExpression? Expression { get; internal init; }

    /// <summary><c>source</c> of images (a URL or FEEL).</summary>
    public string? Source { get; internal init; }

    /// <summary><c>alt</c> of images.</summary>
    public string? Alt { get; internal init; }

    /// <summary><c>url</c> of iframes.</summary>
    public string? Url { get; internal init; }

    /// <summary><c>height</c> of iframes and spacers in pixels.</summary>
    public int? Height { get; internal init; }

    /// <summary><c>action</c> of buttons: <c>submit</c> or <c>reset</c>.</summary>
    public string Action { get; internal init; } = "submit";

    /// <summary><c>accept</c> of file pickers.</summary>
    public string? Accept { get; internal init; }

    /// <summary><c>multiple</c> of file pickers.</summary>
    public bool Multiple { get; internal init; }

    /// <summary>Static <c>columns</c> of tables.</summary>
    public IReadOnlyList<FormTableColumn> Columns { get; internal init; } = [];

    /// <summary><c>columnsExpression</c> of tables.</summary>
    public FormExpression? ColumnsExpression { get; internal init; }

    /// <summary><c>dataSource</c> of tables: FEEL, or the name of an input variable.</summary>
    public string? DataSource { get; internal init; }

    /// <summary>True for components whose value is entered by the user.</summary>
    public bool IsInput => Type is FormComponentType.TextField or FormComponentType.TextArea or FormComponentType.Number
        or FormComponentType.DateTime or FormComponentType.Checkbox or FormComponentType.Checklist or FormComponentType.Radio
        or FormComponentType.Select or FormComponentType.Taglist or FormComponentType.FilePicker;

    /// <summary>True for radio, select, checklist and taglist.</summary>
    public bool HasOptions => Type is FormComponentType.Radio or FormComponentType.Select or FormComponentType.Checklist or FormComponentType.Taglist;

    /// <summary>True for checklist and taglist (the value is a list).</summary>
    public bool IsMultiSelect => Type is FormComponentType.Checklist or FormComponentType.Taglist;

    /// <summary>How the component is named in messages: its label, else its key, else its type and number.</summary>
    public string DisplayName => !string.IsNullOrWhiteSpace(Label) ? Label!
        : !string.IsNullOrWhiteSpace(DateLabel) ? DateLabel!
        : !string.IsNullOrWhiteSpace(Key) ? Key! : $"{TypeName} Nr. {Number}";

    internal IEnumerable<FormComponent> SelfAndDescendants => Components.SelectMany(static c => c.SelfAndDescendants).Prepend(this);
}
