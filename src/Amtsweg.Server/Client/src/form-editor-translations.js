// German texts for what the form editor draws: the palette (groups, components, search), the empty canvas, the properties
// panel (its header, groups, every field label, description, tooltip, option and check of form-js-editor 1.23 and
// @bpmn-io/properties-panel). form-js's editor has no translation service, so the texts are replaced where the editor
// draws them (text nodes, title, placeholder and aria-label attributes of the editor's own elements, never the designer's
// form content: labels a designer typed are shown in the canvas as fields, whose text is inside .fjs-form-field, which is
// skipped). A text that is neither here nor matched by a pattern below stays English: the EndToEnd journey of the form
// editor fails on English words visible on the page (EnglishWords.cs), so a new form-js version shows what it added.
export const german = {
  // Palette
  Components: 'Komponenten',
  'Search components': 'Komponenten suchen',
  'No components found.': 'Keine Komponenten gefunden.',
  'Clear content': 'Suche leeren',
  Input: 'Eingabe',
  Selection: 'Auswahl',
  Presentation: 'Darstellung',
  Containers: 'Container',
  Action: 'Aktion',
  'Text field': 'Textfeld',
  'Text area': 'Textbereich',
  Number: 'Zahl',
  'Date time': 'Datum/Uhrzeit',
  'Expression': 'Berechnetes Feld',
  'File picker': 'Datei-Upload',
  Checkbox: 'Kontrollkästchen',
  'Checkbox group': 'Kontrollkästchen-Gruppe',
  'Radio group': 'Optionsgruppe',
  Select: 'Auswahlliste',
  'Tag list': 'Stichwortliste',
  'Text view': 'Text',
  'HTML view': 'HTML-Text',
  'Image view': 'Bild',
  Table: 'Tabelle',
  iFrame: 'Eingebettete Seite',
  'Document preview': 'Dokumentvorschau',
  Separator: 'Trennlinie',
  Spacer: 'Abstand',
  Group: 'Gruppe',
  'Dynamic list': 'Dynamische Liste',
  Button: 'Schaltfläche',
  // Canvas
  'Build your form': 'Formular aufbauen',
  'Drag and drop components here to start designing.': 'Ziehen Sie Komponenten hierher, um das Formular aufzubauen.',
  'Drag and drop components here.': 'Ziehen Sie Komponenten hierher.',
  'Use the preview window to test your form.': 'Im Vorschaufenster können Sie das Formular ausprobieren.',
  // Properties panel: groups
  General: 'Allgemein',
  Condition: 'Bedingung',
  Validation: 'Prüfung',
  Constraints: 'Einschränkungen',
  Layout: 'Layout',
  Appearance: 'Darstellung',
  Serialization: 'Speicherformat',
  'Custom properties': 'Eigene Eigenschaften',
  'Options source': 'Herkunft der Auswahlmöglichkeiten',
  'Static options': 'Feste Auswahlmöglichkeiten',
  'Dynamic options': 'Dynamische Auswahlmöglichkeiten',
  'Options expression': 'Ausdruck für die Auswahlmöglichkeiten',
  'Security attributes': 'Sicherheitseinstellungen',
  'Header items': 'Spaltenüberschriften',
  Pagination: 'Seitenweise Anzeige',
  // Properties panel: frequent fields
  Label: 'Beschriftung',
  Key: 'Schlüssel',
  ID: 'ID',
  'Version tag': 'Versions-Tag',
  'Field description': 'Beschreibung',
  'Default value': 'Vorgabewert',
  Required: 'Pflichtfeld',
  Disabled: 'Deaktiviert',
  'Read only': 'Nur lesen',
  'Minimum length': 'Mindestlänge',
  'Maximum length': 'Höchstlänge',
  Minimum: 'Mindestwert',
  Maximum: 'Höchstwert',
  'Validation pattern': 'Prüfmuster',
  'Custom regular expression': 'Eigener regulärer Ausdruck',
  'Custom error message': 'Eigene Fehlermeldung',
  Email: 'E-Mail',
  Phone: 'Telefon',
  Custom: 'Eigenes Muster',
  Columns: 'Spalten',
  Auto: 'Automatisch',
  Text: 'Text',
  Value: 'Wert',
  Subtype: 'Untertyp',
  'Date label': 'Beschriftung Datum',
  'Time label': 'Beschriftung Uhrzeit',
  'Disallow past dates': 'Keine vergangenen Daten',
  'Use 24h': '24-Stunden-Format',
  'Time format': 'Zeitformat',
  'Time interval': 'Zeitabstand',
  Prefix: 'Präfix',
  Suffix: 'Suffix',
  'Decimal digits': 'Nachkommastellen',
  Increment: 'Schrittweite',
  'Output as string': 'Als Text speichern',
  Searchable: 'Durchsuchbar',
  'Input values key': 'Schlüssel der Eingabewerte',
  'Hide if': 'Ausblenden, wenn',
  Path: 'Pfad',
  'Show outline': 'Rahmen anzeigen',
  'Alternative text': 'Alternativtext',
  'Image source': 'Bildquelle',
  Height: 'Höhe',
  Type: 'Typ',
  Submit: 'Absenden',
  Reset: 'Zurücksetzen',
  'Compute on': 'Berechnen bei',
  'Value changes': 'Wertänderung',
  'Form submission': 'Absenden des Formulars',
  'Supported file formats': 'Erlaubte Dateiformate',
  'Upload multiple files': 'Mehrere Dateien',
  'Toggle section': 'Abschnitt auf- oder zuklappen',
  'Create new list item': 'Neuen Eintrag anlegen',
  'Delete item': 'Eintrag löschen',
  Create: 'Anlegen',
  'Open documentation': 'Dokumentation öffnen',
  'Section contains an error': 'Der Abschnitt enthält einen Fehler',
  'Section contains edits': 'Der Abschnitt enthält Änderungen',
  '<empty>': '<leer>',
  '<none>': '<keine>',
  // Properties panel: header and placeholders
  Form: 'Formular',
  'Select a form field to edit its properties.': 'Wählen Sie eine Komponente aus, um ihre Eigenschaften zu bearbeiten.',
  'Multiple form fields are selected. Select a single form field to edit its properties.':
    'Mehrere Komponenten sind ausgewählt. Wählen Sie eine einzelne aus, um ihre Eigenschaften zu bearbeiten.',
  'Remove form field': 'Komponente entfernen',
  // Properties panel: further fields and options
  'Field label': 'Beschriftung',
  'Group label': 'Beschriftung der Gruppe',
  'Table label': 'Beschriftung der Tabelle',
  Title: 'Titel',
  Content: 'Inhalt',
  Column: 'Spalte',
  'Column 1': 'Spalte 1',
  'Column 2': 'Spalte 2',
  'Column 3': 'Spalte 3',
  'Deactivate if': 'Deaktivieren, wenn',
  'Allow add/delete items': 'Einträge hinzufügen und löschen erlauben',
  'Default number of items': 'Anzahl der Einträge zu Beginn',
  'Disable collapse': 'Nicht zuklappbar',
  'Number of non-collapsing items': 'Anzahl der nicht zugeklappten Einträge',
  'Number of rows per page': 'Zeilen pro Seite',
  'Data source': 'Datenquelle',
  'Headers source': 'Herkunft der Spaltenüberschriften',
  'List of items': 'Liste von Einträgen',
  'Document reference': 'Verweis auf Dokumente',
  'Max height of preview container': 'Höchste Höhe der Vorschau',
  'Target value': 'Ziel',
  'Vertical alignment': 'Vertikale Ausrichtung',
  Top: 'Oben',
  Center: 'Mitte',
  Bottom: 'Unten',
  Checked: 'Angekreuzt',
  'Not checked': 'Nicht angekreuzt',
  URL: 'Adresse (URL)',
  Date: 'Datum',
  Time: 'Uhrzeit',
  'Date & Time': 'Datum und Uhrzeit',
  Static: 'Fest',
  'Input data': 'Eingabedaten',
  'No timezone': 'Ohne Zeitzone',
  'UTC normalized': 'In UTC umgerechnet',
  'UTC offset': 'Mit Abstand zu UTC',
  'Allow same origin': 'Gleiche Herkunft erlauben',
  'Camera access': 'Zugriff auf die Kamera',
  'Microphone access': 'Zugriff auf das Mikrofon',
  Geolocation: 'Standort',
  'Forms submission': 'Formulare absenden',
  'Open in fullscreen': 'Vollbild erlauben',
  'Open modal windows': 'Dialogfenster erlauben',
  'Open popups': 'Pop-up-Fenster erlauben',
  'Script execution': 'Skripte ausführen',
  'Storage access by user': 'Speicherzugriff durch Nutzende',
  'Top level navigation': 'Navigation der ganzen Seite',
  Name: 'Name',
  Repeatable: 'Wiederholbar',
  // Properties panel: descriptions and tooltips
  'Binds to a form variable': 'Verknüpft das Feld mit einer Variablen des Formulars',
  'Use a unique "key" to link the form element and the related input/output data. When dealing with nested data, break it down in the user task\'s input mapping before using it.':
    'Ein eindeutiger Schlüssel verbindet die Komponente mit den Ein- und Ausgabedaten. Verschachtelte Daten zerlegen Sie vorher in der Eingabezuordnung der Benutzeraufgabe.',
  'Where the child variables of this component are pathed to.': 'Unter welchem Pfad die Variablen der enthaltenen Komponenten stehen.',
  'Routes the children of this component into a form variable.': 'Legt die enthaltenen Komponenten unter einer Variablen des Formulars ab.',
  'Routes the children of this component into a form variable, may be left empty to route at the root level.':
    'Legt die enthaltenen Komponenten unter einer Variablen des Formulars ab; leer gelassen stehen sie auf oberster Ebene.',
  'Descriptive text for screen reader accessibility.': 'Beschreibender Text für Bildschirmlesegeräte.',
  'Condition under which the field is hidden': 'Bedingung, unter der das Feld ausgeblendet wird',
  'Condition under which the field is deactivated': 'Bedingung, unter der das Feld deaktiviert wird',
  'Disable this field when it should not be interactive for end-users. Its data will not be submitted. This setting takes precedence over read-only.':
    'Deaktiviert das Feld: Es kann nicht ausgefüllt werden und sein Wert wird nicht übermittelt. Geht „Nur lesen“ vor.',
  'Make this field read-only when it cannot be edited by the end-user, but its content is important for them to see. Its data will still be submitted.':
    'Das Feld ist sichtbar, kann aber nicht geändert werden; sein Wert wird übermittelt.',
  'Height of the container in pixels.': 'Höhe des Bereichs in Pixeln.',
  'Expression or static value (link/data URI)': 'Ausdruck oder fester Wert (Link oder data-URI)',
  'Link referring to a hosted image, or use a data URI directly to embed image data into the form.':
    'Link auf ein Bild oder eine data-URI, die das Bild direkt in das Formular einbettet.',
  'Define an expression to calculate the value of this field': 'Ein Ausdruck, der den Wert dieses Feldes berechnet',
  'Allows arbitrary precision values': 'Erlaubt Zahlen mit beliebiger Genauigkeit',
  'Define which input property to populate the values from': 'Aus welcher Eingabevariablen die Auswahlmöglichkeiten kommen',
  'Define an expression to populate the options from.': 'Ein Ausdruck, der die Auswahlmöglichkeiten liefert.',
  'Specify the source from which to populate the table': 'Woher die Daten der Tabelle kommen',
  'Enter a form input variable that contains the data for the table or define an expression to populate the data dynamically.':
    'Eine Eingabevariable des Formulars mit den Daten der Tabelle oder ein Ausdruck, der sie liefert.',
  'Specify an expression to populate column items': 'Ein Ausdruck, der die Spalten liefert',
  'The error message to display when the input does not match the regular expression.':
    'Die Fehlermeldung, wenn die Eingabe nicht zum regulären Ausdruck passt.',
  'The built-in phone validation pattern is based on the E.164 standard with no spaces. Ex: +491234567890':
    'Die Prüfung von Telefonnummern folgt dem Standard E.164 ohne Leerzeichen, z. B. +491234567890.',
  '"Static" defines a constant, predefined set of form options.\n\n"Input data" defines options that are populated dynamically, adjusting based on variable data for flexible responses to different conditions or inputs.\n\n"Expression" defines options that are populated from a FEEL expression.':
    '„Fest“: eine feste Liste von Auswahlmöglichkeiten.\n\n„Eingabedaten“: Auswahlmöglichkeiten aus einer Variablen, je nach Daten des Vorgangs.\n\n„Berechnetes Feld“: Auswahlmöglichkeiten aus einem FEEL-Ausdruck.',
  '"List of items" defines a constant, predefined set of form options.\n\n"Expression" defines options that are populated from a FEEL expression.':
    '„Liste von Einträgen“: eine feste Liste.\n\n„Berechnetes Feld“: Einträge aus einem FEEL-Ausdruck.',
  'Add properties directly to the form schema, useful to configure functionality in custom-built task applications and form renderers.':
    'Eigenschaften, die direkt in das Formular geschrieben werden, etwa für eigene Anwendungen, die das Formular anzeigen.',
  'Version tag by which this form can be referenced.': 'Versions-Tag, unter dem das Formular angesprochen werden kann.',
  'Supports markdown and templating.': 'Unterstützt Markdown und Platzhalter.',
  'Supports HTML, styling, and templating. Styles are automatically scoped to the HTML component.':
    'Unterstützt HTML, Stile und Platzhalter. Stile gelten nur innerhalb dieser Komponente.',
  'Enter a HTTPS URL to a source or populate it dynamically via a template or an expression (e.g., to pass a value from the variable).':
    'Eine HTTPS-Adresse, fest oder aus einem Platzhalter oder Ausdruck (etwa mit einem Wert aus einer Variablen).',
  'Please make sure that the URL is safe as it might impose security risks.': 'Achten Sie darauf, dass die Adresse vertrauenswürdig ist.',
  'Not all external sources can be displayed in the iFrame. Read more about it in the': 'Nicht jede fremde Seite lässt sich einbetten, siehe die',
  'X-FRAME-OPTIONS documentation': 'Beschreibung von X-Frame-Options',
  'Allow the iframe to access more functionality of your browser, details regarding the various options can be found in the':
    'Erlaubt der eingebetteten Seite weitere Funktionen des Browsers; die Einstellungen beschreibt die',
  'MDN iFrame documentation.': 'MDN-Beschreibung von iFrames.',
  'These options can incur security risks, especially if used in combination with dynamic links. Ensure that you are aware of them, that you trust the source url and only enable what your use case requires.':
    'Diese Einstellungen können ein Sicherheitsrisiko sein, besonders mit dynamischen Adressen. Erlauben Sie nur, was nötig ist, und nur vertrauenswürdigen Quellen.',
  'The expression may result in an array of simple values or alternatively follow this schema:':
    'Der Ausdruck liefert eine Liste einfacher Werte oder Einträge nach diesem Muster:',
  'The input property may be an array of simple values or alternatively follow this schema:':
    'Die Eingabevariable enthält eine Liste einfacher Werte oder Einträge nach diesem Muster:',
  'Each entry must include a document ID, name, and MIME type.': 'Jeder Eintrag braucht eine Dokument-ID, einen Namen und einen MIME-Typ.',
  'Additional details are optional. The expected format is as follows:': 'Weitere Angaben sind freiwillig. So sieht ein Eintrag aus:',
  'When using Camunda Tasklist UI, additional document reference attributes are automatically handled. Modifying the document reference may affect the document preview functionality.':
    'Camunda Tasklist ergänzt weitere Angaben selbst. Ein geänderter Verweis kann die Dokumentvorschau beeinträchtigen.',
  'Learn more in our': 'Mehr dazu in der',
  'Learn more': 'Mehr dazu',
  documentation: 'Dokumentation',
  'file type specifiers': 'Dateitypen',
  'Documents whose height exceeds the defined value in pixels will be vertically scrollable':
    'Dokumente, die höher als dieser Wert in Pixeln sind, lassen sich senkrecht verschieben',
  'Text view is empty': 'Der Text ist leer',
  'Text view is populated by an expression': 'Der Text kommt aus einem Ausdruck',
  'Text view is templated': 'Der Text enthält Platzhalter',
  'Html view is empty': 'Der HTML-Text ist leer',
  'Html view is populated by an expression': 'Der HTML-Text kommt aus einem Ausdruck',
  'Html view is templated': 'Der HTML-Text enthält Platzhalter',
  // Properties panel: checks of an entry
  'Must be a valid QName.': 'Muss ein gültiger XML-Name sein.',
  'Must be a variable or a dot separated path.': 'Muss eine Variable oder ein Pfad mit Punkten sein.',
  'Must be a variable or a dot-separated path': 'Muss eine Variable oder ein Pfad mit Punkten sein',
  'Must be empty, a variable or a dot-separated path': 'Muss leer, eine Variable oder ein Pfad mit Punkten sein',
  'Must be number': 'Muss eine Zahl sein',
  'Must be unique.': 'Muss eindeutig sein.',
  'Must not be a prohibited path.': 'Dieser Pfad ist nicht erlaubt.',
  'Must not be empty': 'Darf nicht leer sein',
  'Must not be empty.': 'Darf nicht leer sein.',
  'Must not cause two binding paths to collide': 'Zwei Komponenten dürfen nicht auf dieselbe Variable zeigen',
  'Must not conflict with other key/path assignments.': 'Darf keinem anderen Schlüssel oder Pfad widersprechen.',
  'Must not contain numerical path segments.': 'Darf keine Zahlen als Teile des Pfades enthalten.',
  'Must not contain prefix.': 'Darf kein Präfix enthalten.',
  'Must not contain spaces.': 'Darf keine Leerzeichen enthalten.',
  'Should be a valid number': 'Muss eine gültige Zahl sein',
  'Should be a valid number.': 'Muss eine gültige Zahl sein.',
  'Should be an integer.': 'Muss eine ganze Zahl sein.',
  'Should be greater than or equal to zero.': 'Muss null oder größer sein.',
  'Should be greater than zero.': 'Muss größer als null sein.',
  'Value must be a number.': 'Der Wert muss eine Zahl sein.',
  'The document data source is required.': 'Die Datenquelle der Dokumente fehlt.',
  'Expression is empty': 'Der Ausdruck ist leer',
  'Unparsable FEEL expression.': 'Der FEEL-Ausdruck ist nicht lesbar.',
  'Syntax Error': 'Syntaxfehler',
  // Properties panel (@bpmn-io/properties-panel): FEEL fields and pop-up editor
  'Open pop-up editor': 'Im eigenen Fenster bearbeiten',
  'Opened in editor': 'Im Editor geöffnet',
  'Opened in popup': 'Im eigenen Fenster geöffnet',
  'Save and close': 'Speichern und schließen',
  'Close popup': 'Fenster schließen',
  'Toggle list item': 'Eintrag auf- oder zuklappen',
  'FEEL expression is mandatory': 'Hier ist ein FEEL-Ausdruck nötig',
  'Click to set a dynamic value with FEEL expression': 'Klicken, um den Wert mit einem FEEL-Ausdruck zu berechnen',
  'Click to remove dynamic value with FEEL expression': 'Klicken, um statt des FEEL-Ausdrucks einen festen Wert anzugeben',
  'JSON contains errors': 'Das JSON enthält Fehler',
};

// Texts that carry a component's name: the palette's "Create a Text field element", the canvas's "Remove Number".
const patterns = [
  [/^Create an? (.+) element$/, (name) => `${german[name] ?? name} anlegen`],
  [/^Remove (.+)$/, (name) => `${german[name] ?? name} entfernen`],
];

function germanFor(text) {
  if (Object.hasOwn(german, text)) {
    return german[text];
  }
  for (const [pattern, replace] of patterns) {
    const match = pattern.exec(text);
    if (match) {
      return replace(...match.slice(1));
    }
  }
  return undefined;
}

// The designer's own form is drawn in the canvas; its texts are theirs and stay as they are.
const DesignersContent = '.fjs-form-field, .fjs-form-field-text, .fjs-children .fjs-element .fjs-form-field';

function translateText(node) {
  const text = node.data.trim();
  const german_ = germanFor(text);
  if (german_ !== undefined && german_ !== text && !node.parentElement?.closest(DesignersContent)) {
    node.data = node.data.replace(text, german_);
  }
}

/** Translates the title, placeholder and aria-label of one of the editor's elements (after form-js set one anew). */
export function translateAttributes(element) {
  if (element.closest(DesignersContent)) {
    return;
  }

  for (const name of ['title', 'placeholder', 'aria-label']) {
    const value = element.getAttribute(name);
    const german_ = value ? germanFor(value) : undefined;
    if (german_ !== undefined && german_ !== value) {
      element.setAttribute(name, german_);
    }
  }
}

/** Translates a node of the editor and everything inside it. */
export function translateTree(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    translateText(node);
    return;
  }

  if (node.nodeType !== Node.ELEMENT_NODE) {
    return;
  }

  translateAttributes(node);
  for (const element of node.querySelectorAll('[title], [placeholder], [aria-label]')) {
    translateAttributes(element);
  }

  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    translateText(text);
  }
}
