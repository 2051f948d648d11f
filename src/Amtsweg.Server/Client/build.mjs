// Bundles the entry scripts under src/ into ../wwwroot/js/ (run by the MSBuild target in Amtsweg.Server.csproj,
// or by hand with `node build.mjs`). Everything the pages load comes from there: no CDN at run time.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'wwwroot', 'js');

// A clean folder: a renamed entry must not leave its old bundle behind to be embedded and served.
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

// CodeMirror (the FEEL fields of the properties panel) styles itself through style-mod, which writes <style> elements into
// a document and uses constructed style sheets only in shadow roots. The CSP allows no inline styles, so the <style>
// elements are refused and the FEEL fields lose their layout; constructed sheets (adoptedStyleSheets) are not inline
// styles and are allowed. This makes style-mod take them for the document too.
const adoptedStyleSheets = {
  name: 'style-mod-adopted-sheets',
  setup(build) {
    build.onLoad({ filter: /style-mod[\\/]src[\\/]style-mod\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replace('if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet)', 'if (root.adoptedStyleSheets && win.CSSStyleSheet)');
      if (patched === source) {
        throw new Error('style-mod changed: the adoptedStyleSheets patch in build.mjs no longer applies.');
      }
      return { contents: patched, loader: 'js' };
    });
  },
};

// dmn-js (shared by its three editors) places the bpmn.io logo and its lightbox with style attributes, which the CSP
// refuses; the decision editor's stylesheet places them instead (decision-editor.css). The logo itself stays.
const poweredByWithoutInlineStyles = {
  name: 'dmn-js-powered-by-without-inline-styles',
  setup(build) {
    build.onLoad({ filter: /dmn-js-shared[\\/]lib[\\/]util[\\/]PoweredByUtil\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source
        .replace(' style="vertical-align:middle"', '')
        .replace("'title=\"Powered by bpmn.io\" ' + 'style=\"position: absolute; bottom: 15px; right: 15px; z-index: 100;\">'", "'title=\"Powered by bpmn.io\">'");
      if (patched === source || patched.includes('style="position: absolute')) {
        throw new Error('dmn-js changed: the powered-by patch in build.mjs no longer applies.');
      }
      return { contents: patched, loader: 'js' };
    });
  },
};

// dmn-js draws a few texts without its translate service (decision-editor-translations.js has the rest): they are
// replaced by German here. Each replacement must find its text, or the build fails: a changed dmn-js is looked at again
// instead of showing English to a designer.
const dmnJsTexts = [
  ['dmn-js-decision-table/lib/features/context-menu/ContextMenu.js', [['"aria-label": "Decision table context menu"', '"aria-label": "Kontextmenü der Entscheidungstabelle"']]],
  ['dmn-js-decision-table/lib/features/simple-duration-edit/components/InputDurationEdit.js', [['createTextVNode("Value")', 'createTextVNode("Wert")']]],
  ['dmn-js-decision-table/lib/features/drag-and-drop/DragAndDrop.js', [["let title = `Move ${isInput(col) ? 'Input' : 'Output'}`;", "let title = isInput(col) ? 'Eingabespalte verschieben' : 'Ausgabespalte verschieben';"]]],
  ['dmn-js-shared/lib/components/List.js', [['"title": "Remove item"', '"title": "Eintrag entfernen"']]],
  // The type selections (a column's type, a literal expression's and a boxed expression's variable type) are text fields
  // with a list: the field showed the DMN name of the type ('number') even where the list shows 'Zahl'. It shows the
  // option's (German) label, and a typed label is taken as its option's value; anything else typed stays as typed.
  ['dmn-js-shared/lib/components/InputSelect.js', [
    ['"type": "text",\n      "value": value,', '"type": "text",\n      "value": option ? option.label : value,'],
    ['} = event.target;\n    this.onChange(value);', '} = event.target;\n    const typed = (this.props.options || []).find((o) => o.label === value);\n    this.onChange(typed ? typed.value : value);'],
  ]],
  ['dmn-js-boxed-expression/lib/features/element-logic/ElementLogic.js', [['createTextVNode("Expression of type ")', 'createTextVNode("Ausdrücke der Art ")'], ['createTextVNode(" is not supported.")', 'createTextVNode(" kann der Editor nicht bearbeiten.")']]],
  ['dmn-js-boxed-expression/lib/features/function-definition/components/FormalParametersEditor.js', [['createTextVNode("Type")', 'createTextVNode("Typ")']]],
  ['dmn-js-boxed-expression/lib/features/element-variable/components/ElementVariableComponent.js', [['createTextVNode("Result")', 'createTextVNode("Ergebnis")']]],
  ['dmn-js-boxed-expression/lib/features/element-variable/components/ElementVariableEditorComponent.js', [['createTextVNode("Result")', 'createTextVNode("Ergebnis")'], ['createTextVNode("Result type")', 'createTextVNode("Typ des Ergebnisses")']]],
];
const dmnJsGerman = {
  name: 'dmn-js-german',
  setup(build) {
    const patched = new Set();
    build.onEnd(() => {
      const missed = dmnJsTexts.map(([file]) => file).filter((file) => !patched.has(file));
      if (missed.length > 0) {
        throw new Error(`dmn-js changed: ${missed.join(', ')} no longer part of the bundle (the German texts in build.mjs, dmnJsTexts).`);
      }
    });
    for (const [file, replacements] of dmnJsTexts) {
      const filter = new RegExp(file.split('/').map((part) => part.replace(/[.]/g, '\\.')).join('[\\\\/]') + '$');
      build.onLoad({ filter }, async (args) => {
        let source = await readFile(args.path, 'utf8');
        for (const [english, german] of replacements) {
          if (!source.includes(english)) {
            throw new Error(`dmn-js changed: ${file} no longer has ${english} (the German texts in build.mjs, dmnJsTexts).`);
          }
          source = source.split(english).join(german);
        }
        patched.add(file);
        return { contents: source, loader: 'js' };
      });
    }
  },
};

// The Camunda properties panel sizes its container with a style attribute, which the CSP refuses; modeler.css sizes it.
const propertiesPanelWithoutInlineStyle = {
  name: 'properties-panel-without-inline-style',
  setup(build) {
    build.onLoad({ filter: /bpmn-js-properties-panel[\\/]dist[\\/]index\.esm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replace('<div style="height: 100%" tabindex="-1" class="bio-properties-panel-container">', '<div tabindex="-1" class="bio-properties-panel-container">');
      if (patched === source) {
        throw new Error('bpmn-js-properties-panel changed: the container patch in build.mjs no longer applies.');
      }
      return { contents: patched, loader: 'js' };
    });
  },
};

await build({
  entryPoints: [join(here, 'src', 'preview.js'), join(here, 'src', 'diagram.js'), join(here, 'src', 'modeler.js'), join(here, 'src', 'decision-editor.js')],
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'linked',
  // The properties panel's FEEL fields and dmn-js's expression editors are CodeMirror: see adoptedStyleSheets.
  plugins: [adoptedStyleSheets, poweredByWithoutInlineStyles, propertiesPanelWithoutInlineStyle, dmnJsGerman],
  // bpmn-js's stylesheet carries an inline SVG (data: URL) for a marker. The modeler's palette icons are a font: the CSP
  // allows no data: fonts, so the woff2 and woff files are copied next to the bundle; the older formats are not needed.
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'empty', '.eot': 'empty', '.svg': 'empty' },
  assetNames: '[name]-[hash]',
  logLevel: 'warning',
});

// The form editor on its own: form-js's editor pins preact <= 10.15.1 (its own copy under its node_modules) while its
// viewer takes the newest 10.x, which npm hoists for the bpmn-js properties panel. Two copies of preact in one page break
// hooks (the editor draws nothing), so this bundle takes the editor's copy everywhere; the viewer allows it (^10.5.14).
await build({
  entryPoints: [join(here, 'src', 'form-editor.js')],
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'linked',
  absWorkingDir: here,
  alias: { preact: './node_modules/@bpmn-io/form-js-editor/node_modules/preact' },
  plugins: [adoptedStyleSheets],
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'empty', '.eot': 'empty', '.svg': 'empty' },
  assetNames: '[name]-[hash]',
  logLevel: 'warning',
});

// pdf.js parses PDFs in a worker that it loads by URL; it must be a file of our own origin (CSP worker-src 'self').
await copyFile(join(here, 'node_modules', 'pdfjs-dist', 'build', 'pdf.worker.min.mjs'), join(out, 'pdf.worker.js'));

// MSBuild compares this file's time with the sources to skip the next build when nothing changed.
await writeFile(join(out, '.stamp'), new Date().toISOString() + '\n');
