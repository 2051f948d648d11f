using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amtsweg.Feel;
using Amtsweg.Forms.Schema;
using Amtsweg.Forms.Validation;

namespace Amtsweg.Forms.Rendering;

/// <summary>
/// Renders a form on the server into accessible HTML that works without JavaScript, following the GOV.UK design
/// system: a label for every field, fieldsets with legends for groups of options, hints and errors linked with
/// <c>aria-describedby</c>, an error summary at the top that links to the fields. Every value is HTML-encoded.
/// The output is a fragment for the host's <c>&lt;form method="post"&gt;</c> (which adds the action and its token);
/// it is well-formed XHTML as well.
/// </summary>
public static partial class FormRenderer
{
    /// <summary>The heading of the error summary.</summary>
    public const string ErrorSummaryTitle = "Bitte korrigieren Sie die folgenden Angaben";

    private const int MaxTableRows = 500;

    /// <summary>Renders the form.</summary>
    /// <param name="schema">The form.</param>
    /// <param name="data">The values to show: the process variables, or after an error the values the user sent (kept as sent).</param>
    /// <param name="errors">Field errors from <see cref="FormValidator"/>; shown next to the fields and in the summary at the top.</param>
    /// <param name="options">Clock and time zone for FEEL.</param>
    /// <param name="pageErrors">
    /// Errors of the page's own inputs around the form (the Vorgang fields of a start form): listed in the same summary
    /// after the form's errors, each linked to its input's element id, so that a page has one summary, not two.
    /// </param>
    /// <param name="focus">
    /// What <see cref="FormListEdit.Apply"/> returned: the list item just added or the list an item was removed from,
    /// focused when the page loads (<c>autofocus</c>), so that the user goes on where the button was.
    /// </param>
    public static string Render(FormSchema schema, JsonObject? data = null, IReadOnlyList<FormFieldError>? errors = null, FormOptions? options = null, IReadOnlyList<FormPageError>? pageErrors = null, string? focus = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        options ??= FormOptions.Default;
        var context = FormValidator.Context(schema, data, options);
        errors ??= [];
        pageErrors ??= [];
        var writer = new Writer(new FormEvaluator(options), errors, focus);
        writer.Components(schema.Components, data, context, FormData.Scope(context), string.Empty);

        var html = new StringBuilder("<div class=\"amtsweg-form\">");
        if (writer.HasListButtons)
        {
            // Enter in a text field submits with the form's first submit button: that must be the host's submit, not
            // „Eintrag 1 entfernen“. This one is invisible, out of the tab order and does what the host's does.
            html.Append("<button type=\"submit\" class=\"visually-hidden\" tabindex=\"-1\" aria-hidden=\"true\">Absenden</button>");
        }

        if (errors.Count + pageErrors.Count > 0)
        {
            html.Append("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus=\"autofocus\" aria-labelledby=\"error-summary-title\">")
                .Append("<h2 class=\"error-summary-title\" id=\"error-summary-title\">").Append(ErrorSummaryTitle).Append("</h2>")
                .Append("<ul class=\"error-summary-list\">");
            foreach (var error in errors)
            {
                html.Append("<li>");
                if (writer.Targets.TryGetValue(error.Key, out var target))
                {
                    html.Append("<a href=\"#").Append(Html.Encode(target.Id)).Append("\">").Append(Html.Encode(target.Name + ": " + error.Message)).Append("</a>");
                }
                else
                {
                    html.Append(Html.Encode(error.Message));
                }

                html.Append("</li>");
            }

            foreach (var error in pageErrors)
            {
                html.Append("<li><a href=\"#").Append(Html.Encode(error.TargetId)).Append("\">").Append(Html.Encode(error.Message)).Append("</a></li>");
            }

            html.Append("</ul></div>");
        }

        return html.Append(writer.Body).Append("</div>").ToString();
    }

    /// <summary>The element id of the field bound to <paramref name="key"/> (<c>field-</c> and the key, other characters as <c>-</c>).</summary>
    public static string FieldId(string key) => "field-" + NonIdCharacters().Replace(key, "-");

    [GeneratedRegex("[^A-Za-z0-9_-]", RegexOptions.CultureInvariant)]
    private static partial Regex NonIdCharacters();

    [GeneratedRegex(@"\{\{\s*([^#/{}][^{}]*?)\s*\}\}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TemplateInsertion();

    [GeneratedRegex(@"^(https?://[^\s""'<>]+|data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex SafeImageSource();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Tag();

    private sealed class Writer(FormEvaluator evaluator, IReadOnlyList<FormFieldError> errors, string? focus)
    {
        private readonly Dictionary<string, string> _messages = errors.GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        public StringBuilder Body { get; } = new();

        /// <summary>Whether a dynamic list got add or remove buttons.</summary>
        public bool HasListButtons { get; private set; }

        /// <summary>Where the summary links to for each key, and the field's name.</summary>
        public Dictionary<string, (string Id, string Name)> Targets { get; } = new(StringComparer.Ordinal);

        public void Components(IReadOnlyList<FormComponent> components, JsonObject? data, JsonObject? context, FeelScope scope, string prefix)
        {
            foreach (var component in components)
            {
                if (evaluator.IsHidden(component, scope))
                {
                    continue;
                }

                Component(component, data, context, scope, prefix);
            }
        }

        private string UniqueId(string key)
        {
            var id = FieldId(key);
            var candidate = id;
            for (var i = 2; !_ids.Add(candidate); i++)
            {
                candidate = id + "-" + i.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        private void Component(FormComponent c, JsonObject? data, JsonObject? context, FeelScope scope, string prefix)
        {
            switch (c.Type)
            {
                case FormComponentType.TextField:
                case FormComponentType.Number:
                case FormComponentType.DateTime:
                case FormComponentType.FilePicker:
                    Input(c, data, scope, prefix);
                    break;
                case FormComponentType.TextArea:
                    Input(c, data, scope, prefix);
                    break;
                case FormComponentType.Checkbox:
                    Checkbox(c, data, scope, prefix);
                    break;
                case FormComponentType.Radio:
                case FormComponentType.Checklist:
                case FormComponentType.Taglist:
                    Choices(c, data, scope, prefix);
                    break;
                case FormComponentType.Select:
                    Select(c, data, scope, prefix);
                    break;
                case FormComponentType.Group:
                    Group(c, data, context, scope, prefix);
                    break;
                case FormComponentType.DynamicList:
                    List(c, data, context, scope, prefix);
                    break;
                case FormComponentType.Text:
                    Body.Append("<div class=\"form-text\">").Append(SafeMarkdown.ToHtml(TextOf(c, scope))).Append("</div>");
                    break;
                case FormComponentType.Html:
                    // form-js allows raw HTML here; Amtsweg does not trust it and shows its text only.
                    var plain = WebUtility.HtmlDecode(Tag().Replace(c.Content ?? string.Empty, " "));
                    Body.Append("<div class=\"form-text\">").Append(SafeMarkdown.ToHtml(string.Join("\n\n", plain.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)))).Append("</div>");
                    break;
                case FormComponentType.Table:
                    Table(c, context, scope);
                    break;
                case FormComponentType.Image:
                    Image(c, scope);
                    break;
                case FormComponentType.IFrame:
                    IFrame(c);
                    break;
                case FormComponentType.Separator:
                    Body.Append("<hr class=\"form-separator\" />");
                    break;
                case FormComponentType.Spacer:
                    Body.Append("<div class=\"form-spacer\" aria-hidden=\"true\" data-height=\"").Append((c.Height ?? 60).ToString(CultureInfo.InvariantCulture)).Append("\"></div>");
                    break;
                case FormComponentType.Button:
                    Body.Append("<button class=\"form-button\" type=\"").Append(c.Action).Append("\">").Append(Html.Encode(c.Label ?? (c.Action == "reset" ? "Zurücksetzen" : "Absenden"))).Append("</button>");
                    break;
                case FormComponentType.Expression:
                    // Computed on the server at every submission; nothing to show or to send.
                    break;
            }
        }

        private sealed record Field(string Key, string Id, string? Error, string DescribedBy, bool Readonly);

        private Field Start(FormComponent c, FeelScope scope, string prefix, string? name = null)
        {
            var key = prefix + c.Key;
            var id = UniqueId(key);
            _messages.TryGetValue(key, out var error);
            Targets[key] = (id, name ?? c.DisplayName);
            var describedBy = new List<string>();
            if (!string.IsNullOrWhiteSpace(c.Description))
            {
                describedBy.Add(id + "-hint");
            }

            if (error is not null)
            {
                describedBy.Add(id + "-error");
            }

            if (!string.IsNullOrEmpty(c.Prefix))
            {
                describedBy.Add(id + "-prefix");
            }

            if (!string.IsNullOrEmpty(c.Suffix))
            {
                describedBy.Add(id + "-suffix");
            }

            Body.Append("<div class=\"form-field").Append(error is null ? string.Empty : " form-field--error").Append("\">");
            return new Field(key, id, error, string.Join(' ', describedBy), evaluator.IsReadonly(c, scope));
        }

        private void Label(FormComponent c, Field field, string? text = null)
        {
            Body.Append("<label class=\"form-label\" for=\"").Append(field.Id).Append("\">").Append(Html.Encode(text ?? c.DisplayName));
            RequiredMark(c);
            Body.Append("</label>");
        }

        private void RequiredMark(FormComponent c)
        {
            if (c.Rules.Required)
            {
                Body.Append(" <span class=\"form-required\">(Pflichtfeld)</span>");
            }
        }

        private void HintAndError(FormComponent c, Field field)
        {
            if (!string.IsNullOrWhiteSpace(c.Description))
            {
                Body.Append("<div class=\"form-hint\" id=\"").Append(field.Id).Append("-hint\">").Append(Html.Encode(c.Description)).Append("</div>");
            }

            if (field.Error is not null)
            {
                Body.Append("<p class=\"form-error\" id=\"").Append(field.Id).Append("-error\"><span class=\"visually-hidden\">Fehler: </span>").Append(Html.Encode(field.Error)).Append("</p>");
            }
        }

        private void CommonAttributes(FormComponent c, Field field, bool useDisabled = false)
        {
            Body.Append(" id=\"").Append(field.Id).Append("\" name=\"").Append(Html.Encode(field.Key)).Append('"');
            if (c.Disabled || (field.Readonly && useDisabled))
            {
                Body.Append(" disabled=\"disabled\"");
            }
            else if (field.Readonly)
            {
                Body.Append(" readonly=\"readonly\"");
            }

            if (c.Rules.Required)
            {
                Body.Append(" aria-required=\"true\"");
            }

            if (field.Error is not null)
            {
                Body.Append(" aria-invalid=\"true\"");
            }

            if (field.DescribedBy.Length > 0)
            {
                Body.Append(" aria-describedby=\"").Append(field.DescribedBy).Append('"');
            }
        }

        private void Input(FormComponent c, JsonObject? data, FeelScope scope, string prefix)
        {
            var field = Start(c, scope, prefix);
            Label(c, field, c.Type == FormComponentType.DateTime ? c.Label ?? (c.Subtype == "time" ? c.TimeLabel : c.DateLabel) ?? c.DisplayName : null);
            HintAndError(c, field);
            var value = ValueOf(c, data);
            Body.Append("<div class=\"form-input-wrapper\">");
            if (!string.IsNullOrEmpty(c.Prefix))
            {
                Body.Append("<span class=\"form-prefix\" id=\"").Append(field.Id).Append("-prefix\">").Append(Html.Encode(c.Prefix)).Append("</span>");
            }

            if (c.Type == FormComponentType.TextArea)
            {
                Body.Append("<textarea class=\"form-textarea\" rows=\"5\"");
                CommonAttributes(c, field);
                MaxLength(c);
                Body.Append('>').Append(Html.Encode(FormValues.Display(value))).Append("</textarea>");
            }
            else
            {
                Body.Append("<input class=\"form-input\"");
                CommonAttributes(c, field);
                switch (c.Type)
                {
                    case FormComponentType.Number:
                        // GOV.UK advises against type="number": it changes values on scroll and hides what was typed.
                        Body.Append(" type=\"text\" inputmode=\"decimal\" spellcheck=\"false\"");
                        break;
                    case FormComponentType.DateTime:
                        Body.Append(" type=\"").Append(c.Subtype switch { "time" => "time", "datetime" => "datetime-local", _ => "date" }).Append('"');
                        if (c.Subtype != "date")
                        {
                            Body.Append(" step=\"").Append((c.TimeInterval * 60).ToString(CultureInfo.InvariantCulture)).Append('"');
                        }

                        value = LocalDateTime(c, value);
                        break;
                    case FormComponentType.FilePicker:
                        Body.Append(" type=\"file\"");
                        if (!string.IsNullOrWhiteSpace(c.Accept))
                        {
                            Body.Append(" accept=\"").Append(Html.Encode(c.Accept)).Append('"');
                        }

                        if (c.Multiple)
                        {
                            Body.Append(" multiple=\"multiple\"");
                        }

                        value = null;
                        break;
                    default:
                        Body.Append(" type=\"").Append(c.Rules.ValidationType switch { "email" => "email", "phone" => "tel", _ => "text" }).Append('"');
                        if (c.Rules.ValidationType == "email")
                        {
                            Body.Append(" autocomplete=\"email\" spellcheck=\"false\"");
                        }

                        MaxLength(c);
                        break;
                }

                if (value is not null)
                {
                    Body.Append(" value=\"").Append(Html.Encode(FormValues.Display(value))).Append('"');
                }

                Body.Append(" />");
            }

            if (!string.IsNullOrEmpty(c.Suffix))
            {
                Body.Append("<span class=\"form-suffix\" id=\"").Append(field.Id).Append("-suffix\">").Append(Html.Encode(c.Suffix)).Append("</span>");
            }

            Body.Append("</div></div>");
        }

        private void MaxLength(FormComponent c)
        {
            if (c.Rules.MaxLength is { } max)
            {
                Body.Append(" maxlength=\"").Append(max.ToString(CultureInfo.InvariantCulture)).Append('"');
            }
        }

        // Stored times carry a zone (utc_offset, utc_normalized); the browser's inputs show German local time.
        private JsonNode? LocalDateTime(FormComponent c, JsonNode? value)
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || c.Subtype == "date")
            {
                return value;
            }

            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(evaluator.Options.Clock.GetUtcNow(), evaluator.Options.TimeZone).DateTime);
            var full = c.Subtype == "time" ? today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T" + text : text;
            if ((full.EndsWith('Z') || full.Length > 16) && DateTimeOffset.TryParse(full, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
            {
                var local = TimeZoneInfo.ConvertTime(moment, evaluator.Options.TimeZone);
                return JsonValue.Create(local.ToString(c.Subtype == "time" ? "HH:mm" : "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            }

            return value;
        }

        private static JsonNode? ValueOf(FormComponent c, JsonObject? data) =>
            FormData.TryGet(data, c.Key!, out var value) ? value : c.DefaultValue;

        private void Checkbox(FormComponent c, JsonObject? data, FeelScope scope, string prefix)
        {
            var field = Start(c, scope, prefix);
            HintAndError(c, field);
            var value = ValueOf(c, data);
            var isChecked = value is JsonValue v && ((v.TryGetValue<bool>(out var b) && b) || (v.TryGetValue<string>(out var s) && s is "true" or "on"));
            Body.Append("<div class=\"form-checkbox\"><input class=\"form-checkbox-input\" type=\"checkbox\" value=\"true\"");
            CommonAttributes(c, field, useDisabled: true);
            if (isChecked)
            {
                Body.Append(" checked=\"checked\"");
            }

            Body.Append(" />");
            Label(c, field);
            Body.Append("</div></div>");
        }

        private void Choices(FormComponent c, JsonObject? data, FeelScope scope, string prefix)
        {
            var options = evaluator.OptionsOf(c, scope);
            var field = Start(c, scope, prefix);
            var multiple = c.IsMultiSelect;
            var selected = Selected(ValueOf(c, data));
            Body.Append("<fieldset class=\"form-fieldset\" id=\"").Append(field.Id).Append('"');
            if (field.DescribedBy.Length > 0)
            {
                Body.Append(" aria-describedby=\"").Append(field.DescribedBy).Append('"');
            }

            Body.Append("><legend class=\"form-legend\">").Append(Html.Encode(c.DisplayName));
            RequiredMark(c);
            Body.Append("</legend>");
            HintAndError(c, field);
            if (options.Count == 0)
            {
                Body.Append("<p class=\"form-hint\">Es stehen keine Werte zur Auswahl.</p>");
            }

            for (var i = 0; i < options.Count; i++)
            {
                var option = options[i];
                var optionId = field.Id + "-" + i.ToString(CultureInfo.InvariantCulture);
                if (i == 0)
                {
                    Targets[field.Key] = (optionId, c.DisplayName);
                }

                var optionValue = FormValues.Display(option.Value);
                Body.Append("<div class=\"form-option\"><input class=\"form-option-input\" type=\"").Append(multiple ? "checkbox" : "radio")
                    .Append("\" id=\"").Append(optionId).Append("\" name=\"").Append(Html.Encode(field.Key)).Append("\" value=\"").Append(Html.Encode(optionValue)).Append('"');
                if (selected.Contains(optionValue))
                {
                    Body.Append(" checked=\"checked\"");
                }

                if (field.Readonly || c.Disabled)
                {
                    Body.Append(" disabled=\"disabled\"");
                }

                if (field.Error is not null)
                {
                    Body.Append(" aria-invalid=\"true\"");
                }

                Body.Append(" /><label class=\"form-option-label\" for=\"").Append(optionId).Append("\">").Append(Html.Encode(option.Label)).Append("</label></div>");
            }

            Body.Append("</fieldset></div>");
        }

        private static HashSet<string> Selected(JsonNode? value) => value switch
        {
            JsonArray array => [.. array.Select(FormValues.Display)],
            null => [],
            _ => [FormValues.Display(value)],
        };

        private void Select(FormComponent c, JsonObject? data, FeelScope scope, string prefix)
        {
            var options = evaluator.OptionsOf(c, scope);
            var field = Start(c, scope, prefix);
            Label(c, field);
            HintAndError(c, field);
            var selected = Selected(ValueOf(c, data));
            Body.Append("<select class=\"form-select\"");
            CommonAttributes(c, field, useDisabled: true);
            Body.Append("><option value=\"\">Bitte wählen</option>");
            foreach (var option in options)
            {
                var optionValue = FormValues.Display(option.Value);
                Body.Append("<option value=\"").Append(Html.Encode(optionValue)).Append('"');
                if (selected.Contains(optionValue))
                {
                    Body.Append(" selected=\"selected\"");
                }

                Body.Append('>').Append(Html.Encode(option.Label)).Append("</option>");
            }

            Body.Append("</select></div>");
        }

        private void Group(FormComponent c, JsonObject? data, JsonObject? context, FeelScope scope, string prefix)
        {
            var innerData = c.Path is null ? data : FormData.Get(data, c.Path) as JsonObject;
            var innerContext = c.Path is null ? context : FormData.Get(context, c.Path) as JsonObject;
            var innerPrefix = c.Path is null ? prefix : prefix + c.Path + ".";
            if (string.IsNullOrWhiteSpace(c.Label))
            {
                Body.Append("<div class=\"form-group\">");
                Components(c.Components, innerData, innerContext, scope, innerPrefix);
                Body.Append("</div>");
                return;
            }

            Body.Append("<fieldset class=\"form-group\"><legend class=\"form-legend\">").Append(Html.Encode(c.Label)).Append("</legend>");
            if (!string.IsNullOrWhiteSpace(c.Description))
            {
                Body.Append("<div class=\"form-hint\">").Append(Html.Encode(c.Description)).Append("</div>");
            }

            Components(c.Components, innerData, innerContext, scope, innerPrefix);
            Body.Append("</fieldset>");
        }

        private void List(FormComponent c, JsonObject? data, JsonObject? context, FeelScope scope, string prefix)
        {
            var key = prefix + c.Path;
            var id = UniqueId(key);
            Targets[key] = (id, c.Label ?? c.DisplayName);
            var items = FormData.Get(data, c.Path!) as JsonArray;
            var contextItems = FormData.Get(context, c.Path!) as JsonArray;
            // Data without the list shows the default number of empty items; a list emptied by its remove buttons stays empty.
            var count = items is not null ? Math.Min(items.Count, evaluator.Options.MaxListItems) : c.DefaultRepetitions;
            Body.Append("<fieldset class=\"form-list\" id=\"").Append(id).Append('"').Append(Focus(key)).Append("><legend class=\"form-legend\">").Append(Html.Encode(c.Label ?? c.DisplayName)).Append("</legend>");
            if (_messages.TryGetValue(key, out var error))
            {
                Body.Append("<p class=\"form-error\"><span class=\"visually-hidden\">Fehler: </span>").Append(Html.Encode(error)).Append("</p>");
            }

            for (var i = 0; i < count; i++)
            {
                var item = items is not null && i < items.Count ? items[i] as JsonObject : null;
                var itemContext = contextItems is not null && i < contextItems.Count ? contextItems[i] as JsonObject : item;
                var number = (i + 1).ToString(CultureInfo.InvariantCulture);
                Body.Append("<fieldset class=\"form-list-item\"").Append(Focus($"{key}[{i}]")).Append("><legend class=\"form-legend\">Eintrag ").Append(number).Append("</legend>");
                Components(c.Components, item, itemContext, FormData.ItemScope(itemContext, context, scope), $"{key}[{i}].");
                if (c.AllowAddRemove)
                {
                    ListButton("form-list-remove", FormListEdit.RemoveValue(key, i), $"Eintrag {number} entfernen");
                }

                Body.Append("</fieldset>");
            }

            if (c.AllowAddRemove && count < evaluator.Options.MaxListItems)
            {
                ListButton("form-list-add", FormListEdit.AddValue(key), "Eintrag hinzufügen");
            }

            Body.Append("</fieldset>");
        }

        // A submit button that changes the list and shows the form again (FormListEdit); the browser's checks of the
        // other fields must not stop it.
        private void ListButton(string kind, string value, string text)
        {
            HasListButtons = true;
            Body.Append("<button type=\"submit\" class=\"secondary ").Append(kind).Append("\" name=\"").Append(FormListEdit.ButtonName)
                .Append("\" value=\"").Append(Html.Encode(value)).Append("\" formnovalidate=\"formnovalidate\">").Append(text).Append("</button>");
        }

        // Focusable only by script or autofocus; the legend is what a screen reader reads when it gets there.
        private string Focus(string key) => key == focus ? " tabindex=\"-1\" autofocus=\"autofocus\"" : string.Empty;

        private string TextOf(FormComponent c, FeelScope scope)
        {
            var text = c.Text ?? string.Empty;
            if (text.StartsWith('='))
            {
                return FeelParser.TryParseExpression(text[1..], null, out var expression, out _)
                    ? Display(expression!.Evaluate(scope, new FeelEvaluationOptions { Clock = evaluator.Options.Clock, TimeZone = evaluator.Options.TimeZone }).Value)
                    : string.Empty;
            }

            // Templating: {{ expression }} inserts a value; sections ({{#if}}, {{#loop}}) are not supported and stay as written.
            return TemplateInsertion().Replace(text, match =>
                FeelParser.TryParseExpression(match.Groups[1].Value, null, out var expression, out _)
                    ? Display(expression!.Evaluate(scope, new FeelEvaluationOptions { Clock = evaluator.Options.Clock, TimeZone = evaluator.Options.TimeZone }).Value)
                    : match.Value);
        }

        private static string Display(FeelValue value) => value is FeelNull ? string.Empty : FormValues.Display(FeelConvert.ToJson(value));

        private void Table(FormComponent c, JsonObject? context, FeelScope scope)
        {
            JsonNode? rows = null;
            if (c.DataSource is { } source)
            {
                rows = source.StartsWith('=')
                    ? FeelParser.TryParseExpression(source[1..], null, out var expression, out _) ? FeelConvert.ToJson(expression!.Evaluate(scope).Value) : null
                    : FormData.Get(context, source);
            }

            var columns = c.ColumnsExpression is { } columnsExpression
                ? (FeelConvert.ToJson(evaluator.Evaluate(columnsExpression, scope)) as JsonArray ?? [])
                    .OfType<JsonObject>()
                    .Where(o => o["key"] is JsonValue)
                    .Select(o => new FormTableColumn(FormValues.Display(o["label"] ?? o["key"]), FormValues.Display(o["key"])))
                    .ToList()
                : c.Columns;
            Body.Append("<div class=\"form-field\"><table class=\"form-table\">");
            if (!string.IsNullOrWhiteSpace(c.Label))
            {
                Body.Append("<caption>").Append(Html.Encode(c.Label)).Append("</caption>");
            }

            Body.Append("<thead><tr>");
            foreach (var column in columns)
            {
                Body.Append("<th scope=\"col\">").Append(Html.Encode(column.Label)).Append("</th>");
            }

            Body.Append("</tr></thead><tbody>");
            var list = (rows as JsonArray ?? []).OfType<JsonObject>().Take(MaxTableRows).ToList();
            foreach (var row in list)
            {
                Body.Append("<tr>");
                foreach (var column in columns)
                {
                    Body.Append("<td>").Append(Html.Encode(FormValues.Display(FormData.Get(row, column.Key)))).Append("</td>");
                }

                Body.Append("</tr>");
            }

            if (list.Count == 0)
            {
                Body.Append("<tr><td colspan=\"").Append(Math.Max(columns.Count, 1).ToString(CultureInfo.InvariantCulture)).Append("\">Keine Einträge.</td></tr>");
            }

            Body.Append("</tbody></table></div>");
        }

        private void Image(FormComponent c, FeelScope scope)
        {
            var source = c.Source ?? string.Empty;
            if (source.StartsWith('='))
            {
                source = FeelParser.TryParseExpression(source[1..], null, out var expression, out _) ? Display(expression!.Evaluate(scope).Value) : string.Empty;
            }

            if (!SafeImageSource().IsMatch(source))
            {
                // No source, or one that is not http(s) or an inline picture: nothing is loaded, the alternative text is shown.
                if (!string.IsNullOrWhiteSpace(c.Alt))
                {
                    Body.Append("<p class=\"form-image-alt\">").Append(Html.Encode(c.Alt)).Append("</p>");
                }

                return;
            }

            Body.Append("<img class=\"form-image\" src=\"").Append(Html.Encode(source)).Append("\" alt=\"").Append(Html.Encode(c.Alt)).Append("\" />");
        }

        private void IFrame(FormComponent c)
        {
            var title = c.Label ?? "Eingebetteter Inhalt";
            Body.Append("<div class=\"form-field\">");
            if (!string.IsNullOrWhiteSpace(c.Label))
            {
                Body.Append("<p class=\"form-label\">").Append(Html.Encode(c.Label)).Append("</p>");
            }

            if (c.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            {
                Body.Append("<iframe class=\"form-iframe\" src=\"").Append(Html.Encode(uri.AbsoluteUri)).Append("\" title=\"").Append(Html.Encode(title))
                    .Append("\" sandbox=\"\" loading=\"lazy\" referrerpolicy=\"no-referrer\" height=\"").Append((c.Height ?? 300).ToString(CultureInfo.InvariantCulture)).Append("\"></iframe>");
            }
            else
            {
                Body.Append("<p class=\"form-hint\">Der eingebettete Inhalt kann nur über https angezeigt werden.</p>");
            }

            Body.Append("</div>");
        }
    }
}
