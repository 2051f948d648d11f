// Document preview: renders a PDF into canvas pages with pdf.js, one page at a time with page navigation. Without
// JavaScript (or when pdf.js fails) the page keeps its download link, which the server renders in any case.
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';

GlobalWorkerOptions.workerSrc = '/js/pdf.worker.js';

const viewer = document.querySelector('[data-pdf-url]');
if (viewer) {
  show(viewer).catch((error) => {
    console.warn('PDF preview failed', error);
    viewer.querySelector('[data-pdf-failed]')?.removeAttribute('hidden');
    viewer.querySelector('[data-pdf-controls]')?.setAttribute('hidden', '');
  });
}

async function show(container) {
  const pdf = await getDocument({ url: container.dataset.pdfUrl, withCredentials: true }).promise;
  const canvas = container.querySelector('canvas');
  const controls = container.querySelector('[data-pdf-controls]');
  const previous = controls.querySelector('[data-pdf-previous]');
  const next = controls.querySelector('[data-pdf-next]');
  const status = controls.querySelector('[data-pdf-status]');
  const pageLabel = container.dataset.pdfPageLabel;
  let current = 1;
  let rendering = Promise.resolve();

  async function render(number) {
    const page = await pdf.getPage(number);
    const width = container.clientWidth || 800;
    const unscaled = page.getViewport({ scale: 1 });
    const scale = Math.min(2, width / unscaled.width);
    const ratio = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: scale * ratio });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
    await page.render({ canvas, viewport }).promise;
    const text = format(pageLabel, number, pdf.numPages);
    canvas.setAttribute('aria-label', text);
    status.textContent = text;
    previous.disabled = number <= 1;
    next.disabled = number >= pdf.numPages;
    canvas.hidden = false;
    container.dataset.pdfRendered = String(number);
  }

  function go(number) {
    if (number < 1 || number > pdf.numPages) {
      return;
    }

    current = number;
    rendering = rendering.then(() => render(current));
  }

  previous.addEventListener('click', () => go(current - 1));
  next.addEventListener('click', () => go(current + 1));
  controls.hidden = false;
  go(1);
  await rendering;
}

// The German text comes from the server's resources with {0} and {1} for the page and the page count.
function format(template, page, count) {
  return template.replace('{0}', String(page)).replace('{1}', String(count));
}
