// Bundles the entry scripts under src/ into ../wwwroot/js/ (run by the MSBuild target in Amtsweg.Server.csproj,
// or by hand with `node build.mjs`). Everything the pages load comes from there: no CDN at run time.
import { build } from 'esbuild';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'wwwroot', 'js');

// A clean folder: a renamed entry must not leave its old bundle behind to be embedded and served.
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

await build({
  entryPoints: [join(here, 'src', 'preview.js'), join(here, 'src', 'diagram.js'), join(here, 'src', 'modeler.js'), join(here, 'src', 'form-editor.js')],
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'linked',
  // bpmn-js's stylesheet carries an inline SVG (data: URL) for a marker. The modeler's palette icons are a font: the CSP
  // allows no data: fonts, so the woff2 and woff files are copied next to the bundle; the older formats are not needed.
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'empty', '.eot': 'empty', '.svg': 'empty' },
  assetNames: '[name]-[hash]',
  logLevel: 'warning',
});

// pdf.js parses PDFs in a worker that it loads by URL; it must be a file of our own origin (CSP worker-src 'self').
await copyFile(join(here, 'node_modules', 'pdfjs-dist', 'build', 'pdf.worker.min.mjs'), join(out, 'pdf.worker.js'));

// MSBuild compares this file's time with the sources to skip the next build when nothing changed.
await writeFile(join(out, '.stamp'), new Date().toISOString() + '\n');
