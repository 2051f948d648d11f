// German texts for what a designer sees most in the form editor: the palette (groups, components, search), the empty
// canvas, the properties panel's group titles and frequent field labels. form-js's editor (1.23) has no translation
// service, so the texts are replaced where the editor draws them (text nodes, title and placeholder attributes of the
// editor's own elements, never the designer's form content: labels a designer typed are shown in the canvas as fields,
// whose text is inside .fjs-form-field, which is skipped). Everything else stays as form-js ships it (English); the page
// says so in its hint.
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
};

// The designer's own form is drawn in the canvas; its texts are theirs and stay as they are.
const DesignersContent = '.fjs-form-field, .fjs-form-field-text, .fjs-children .fjs-element .fjs-form-field';

function translateText(node) {
  const text = node.data.trim();
  const german_ = Object.hasOwn(german, text) ? german[text] : undefined;
  if (german_ !== undefined && german_ !== text && !node.parentElement?.closest(DesignersContent)) {
    node.data = node.data.replace(text, german_);
  }
}

function translateAttributes(element) {
  if (element.closest(DesignersContent)) {
    return;
  }

  for (const name of ['title', 'placeholder', 'aria-label']) {
    const value = element.getAttribute(name);
    if (value && Object.hasOwn(german, value)) {
      element.setAttribute(name, german[value]);
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
