// Process diagram on the Vorgang page, the instance page and a deployment request: the BPMN drawn with the bpmn-js viewer, the active
// elements, the completed ones, the taken sequence flows and the elements with an open incident marked. Without
// JavaScript the Verlauf of the page stays the record.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './diagram.css';

for (const container of document.querySelectorAll('[data-diagram-url]')) {
  // A diagram in a closed section has no size to fit into: it is drawn when the section is first opened.
  const section = container.closest('details');
  if (section && !section.open) {
    const onToggle = () => {
      if (section.open) {
        section.removeEventListener('toggle', onToggle);
        draw(container);
      }
    };
    section.addEventListener('toggle', onToggle);
  } else {
    draw(container);
  }
}

function draw(container) {
  show(container).catch((error) => {
    console.warn('Process diagram failed', error);
    container.hidden = true;
  });
}

async function show(container) {
  const response = await fetch(container.dataset.diagramUrl, { credentials: 'same-origin', headers: { Accept: 'application/xml' } });
  if (!response.ok) {
    throw new Error(`diagram ${response.status}`);
  }

  const canvasElement = container.querySelector('[data-diagram-canvas]');
  container.hidden = false;
  const viewer = new NavigatedViewer({ container: canvasElement });
  await viewer.importXML(await response.text());
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const mark = (ids, marker) => {
    for (const id of words(ids)) {
      if (registry.get(id)) {
        canvas.addMarker(id, marker);
      }
    }
  };

  mark(container.dataset.completed, 'amtsweg-completed');
  mark(container.dataset.flows, 'amtsweg-taken');
  mark(container.dataset.active, 'amtsweg-active');
  mark(container.dataset.incidents, 'amtsweg-incident');
  // A deployment request's changes to the running version (the same markers the modeler shows).
  mark(container.dataset.added, 'amtsweg-change-added');
  mark(container.dataset.changed, 'amtsweg-change-changed');
  // A sequence flow's incident (a condition that failed) is hard to see on a thin line: the step it leaves is marked too.
  for (const id of words(container.dataset.incidents)) {
    const source = registry.get(id)?.source;
    if (source) {
      canvas.addMarker(source.id, 'amtsweg-incident');
    }
  }
  canvas.zoom('fit-viewport', 'auto');
  container.dataset.diagramReady = 'true';
}

function words(text) {
  return (text ?? '').split(' ').filter((word) => word.length > 0);
}
