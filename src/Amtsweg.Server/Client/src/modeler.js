// The process modeler (issue 13.2 and 13.4): bpmn-js with the Camunda 8 properties panel on /prozesse/modellieren. The
// page hands over the diagram in a JSON element (no inline script under the strict CSP); the URLs of the page's handlers
// and the German texts are data- attributes of the container. Every change is checked by the engine's validator on the
// server (debounced); the problems are marked on their elements and listed beside the diagram.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import './modeler.css';
import { translate } from './modeler-translations.js';
import { deployVersion, post, saveAs, saveDraft, showFragment, statusLine } from './editor-requests.js';

const say = statusLine('[data-modeler-status]');

const ValidateDelay = 600;

const root = document.querySelector('[data-modeler]');
if (root) {
  start(root).catch((error) => {
    console.warn('Modeler failed', error);
    say(root.dataset.textLoadFailed, true);
  });
}

async function start(container) {
  const xml = JSON.parse(document.getElementById(container.dataset.modelerSource).textContent);
  const modeler = new BpmnModeler({
    container: container.querySelector('[data-modeler-canvas]'),
    propertiesPanel: { parent: container.querySelector('[data-modeler-panel]') },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      ZeebeBehaviorsModule,
      { translate: ['value', translate] },
    ],
    moddleExtensions: { zeebe: zeebeModdle },
  });

  await modeler.importXML(xml);
  // Fitted to the viewport, the diagram's left edge would lie under the palette: a little smaller and to the right.
  const canvas = modeler.get('canvas');
  canvas.zoom('fit-viewport', 'auto');
  canvas.zoom(Math.min(1, canvas.zoom() * 0.85), 'auto');
  canvas.scroll({ dx: 40, dy: 0 });

  const state = {
    draft: container.dataset.draft || '',
    revision: Number(container.dataset.revision || '0'),
    dirty: false,
    validation: 0,
    timer: 0,
    markers: [],
    changeMarkers: [],
  };

  const saveButton = document.querySelector('[data-modeler-save]');
  const download = document.querySelector('[data-modeler-download]');
  const deployForm = document.querySelector('[data-modeler-deploy]');
  const deployButton = deployForm.querySelector('button[type=submit]');
  const changesButton = document.querySelector('[data-modeler-changes]');
  saveButton.disabled = false;
  deployButton.disabled = false;
  changesButton.disabled = false;

  modeler.on('commandStack.changed', () => {
    state.dirty = true;
    say(container.dataset.textUnsaved, false);
    outdateChanges(modeler, container, state);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => validate(modeler, container, state), ValidateDelay);
  });

  const content = async () => ({ xml: await currentXml(modeler) });
  saveButton.addEventListener('click', () => saveDraft(container, state, saveButton, download, say, content));
  changesButton.addEventListener('click', () => showChanges(modeler, container, state, changesButton));
  download.addEventListener('click', (event) => {
    event.preventDefault();
    offerDownload(modeler, download).catch((error) => console.warn('Download failed', error));
  });
  deployForm.addEventListener('submit', (event) => {
    event.preventDefault();
    deployVersion(container, state, deployForm, deployButton, download, say, content, (problems) => showProblems(modeler, container, state, problems));
  });
  window.addEventListener('beforeunload', (event) => {
    if (state.dirty) {
      event.preventDefault();
    }
  });

  await validate(modeler, container, state);
  container.dataset.modelerReady = 'true';
}

async function currentXml(modeler) {
  const { xml } = await modeler.saveXML({ format: true });
  return xml;
}

async function validate(modeler, container, state) {
  const run = ++state.validation;
  const xml = await currentXml(modeler);
  let result;
  try {
    result = await post(container.dataset.validateUrl, { xml });
  } catch {
    return;
  }

  // A newer change is already being checked: its answer counts, not this one.
  if (run !== state.validation) {
    return;
  }

  const problems = result.ok ? result.answer.problems : [{ severity: 'error', elementId: null, message: result.answer?.message ?? container.dataset.textLoadFailed }];
  showProblems(modeler, container, state, problems);
}

function showProblems(modeler, container, state, problems) {
  const canvas = modeler.get('canvas');
  const overlays = modeler.get('overlays');
  const registry = modeler.get('elementRegistry');
  for (const id of state.markers) {
    if (registry.get(id)) {
      canvas.removeMarker(id, 'amtsweg-problem-error');
      canvas.removeMarker(id, 'amtsweg-problem-warning');
    }
  }
  overlays.remove({ type: 'amtsweg-problem' });
  state.markers = [];

  const list = document.querySelector('[data-problems]');
  const summary = document.querySelector('[data-problems-summary]');
  list.replaceChildren();
  summary.textContent = problems.length === 0
    ? container.dataset.textNoProblems
    : problems.length === 1
      ? container.dataset.textOneProblem
      : container.dataset.textProblems.replace('{0}', String(problems.length));

  const perElement = new Map();
  for (const problem of problems) {
    const element = problem.elementId ? registry.get(problem.elementId) : null;
    const item = document.createElement('li');
    item.className = `problem problem-${problem.severity}`;
    item.dataset.code = problem.code ?? '';
    const kind = problem.severity === 'warning' ? container.dataset.textWarning : container.dataset.textError;
    if (element) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      // The validator's message names the element already.
      button.textContent = `${kind}: ${problem.message}`;
      button.addEventListener('click', () => {
        modeler.get('selection').select(element);
        canvas.scrollToElement(element);
      });
      item.append(button);
      const messages = perElement.get(element.id) ?? [];
      messages.push(problem);
      perElement.set(element.id, messages);
    } else {
      item.textContent = `${kind}: ${container.dataset.textWholeModel} – ${problem.message}`;
    }

    list.append(item);
  }

  for (const [id, messages] of perElement) {
    const error = messages.some((m) => m.severity !== 'warning');
    canvas.addMarker(id, error ? 'amtsweg-problem-error' : 'amtsweg-problem-warning');
    state.markers.push(id);
    const badge = document.createElement('div');
    badge.className = `amtsweg-problem-badge ${error ? 'error' : 'warning'}`;
    badge.textContent = String(messages.length);
    badge.title = messages.map((m) => m.message).join('\n');
    badge.setAttribute('role', 'img');
    badge.setAttribute('aria-label', badge.title);
    const element = registry.get(id);
    const position = element.waypoints ? { top: -12, left: -12 } : { top: -10, right: 10 };
    overlays.add(id, 'amtsweg-problem', { position, html: badge });
  }

  document.querySelector('.modeler-problems').dataset.checked = String(Date.now());
}

// The changes to the running version: the server renders the list (the same fragment a deployment request shows) and
// names the added and changed elements, which are marked on the diagram until the diagram changes again.
async function showChanges(modeler, container, state, button) {
  const result = document.querySelector('[data-changes-result]');
  button.disabled = true;
  try {
    const xml = await currentXml(modeler);
    if (!await showFragment(container.dataset.changesUrl, { xml }, result, container.dataset.textChangesLoading, container.dataset.textOffline)) {
      return;
    }

    clearChangeMarkers(modeler, state);
    const changes = result.querySelector('[data-changes-added]');
    const canvas = modeler.get('canvas');
    const registry = modeler.get('elementRegistry');
    for (const [ids, marker] of [[changes?.dataset.changesAdded, 'amtsweg-change-added'], [changes?.dataset.changesChanged, 'amtsweg-change-changed']]) {
      for (const id of (ids ?? '').split(' ').filter((word) => word.length > 0)) {
        if (registry.get(id)) {
          canvas.addMarker(id, marker);
          state.changeMarkers.push([id, marker]);
        }
      }
    }
  } catch (error) {
    console.warn('Changes failed', error);
    result.textContent = container.dataset.textOffline;
  } finally {
    button.disabled = false;
  }
}

function clearChangeMarkers(modeler, state) {
  const canvas = modeler.get('canvas');
  const registry = modeler.get('elementRegistry');
  for (const [id, marker] of state.changeMarkers) {
    if (registry.get(id)) {
      canvas.removeMarker(id, marker);
    }
  }
  state.changeMarkers = [];
}

function outdateChanges(modeler, container, state) {
  const result = document.querySelector('[data-changes-result]');
  if (result && result.childElementCount > 0) {
    clearChangeMarkers(modeler, state);
    const note = document.createElement('p');
    note.textContent = container.dataset.textChangesOutdated;
    result.replaceChildren(note);
  }
}



async function offerDownload(modeler, link) {
  const xml = await currentXml(modeler);
  const { businessObject } = modeler.get('canvas').getRootElement();
  const processId = businessObject?.processRef?.id ?? businessObject?.id ?? 'prozess';
  saveAs(xml, 'application/xml', `${processId}.bpmn`);
  link.hidden = false;
}
