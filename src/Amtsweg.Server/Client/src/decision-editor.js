// The decision editor (issue 13.2): dmn-js (decision requirements diagram, decision tables, literal expressions) on
// /prozesse/entscheidungen/bearbeiten, in the pattern of the process modeler and the form editor. The page hands over the
// DMN XML in a JSON element (no inline script under the strict CSP); the URLs of the page's handlers and the German texts
// are data- attributes of the container. Every change is checked on the server (debounced) by Amtsweg.Decisions; a
// problem is listed beside the editor and marked where it is: the decision in the diagram, the cell, rule or column in a
// decision table, the expression in a literal expression. A click on a problem opens its place.
import DmnModeler from 'dmn-js/lib/Modeler';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn.css';
import './modeler.css';
import './decision-editor.css';
import { translate } from './decision-editor-translations.js';
import { deployVersion, post, saveAs, saveDraft, statusLine } from './editor-requests.js';

const say = statusLine('[data-editor-status]');

const ValidateDelay = 600;

const root = document.querySelector('[data-decision-editor]');
if (root) {
  start(root).catch((error) => {
    console.warn('Decision editor failed', error);
    say(root.dataset.textLoadFailed, true);
  });
}

async function start(container) {
  const xml = JSON.parse(document.getElementById(container.dataset.decisionSource).textContent);
  const canvas = container.querySelector('[data-decision-canvas]');
  const german = { translate: ['value', translate] };
  const modeler = new DmnModeler({
    container: canvas,
    // dmn-js takes additional modules per kind of view only (its 'common' options do not carry them).
    drd: { additionalModules: [german] },
    decisionTable: { additionalModules: [german] },
    literalExpression: { additionalModules: [german] },
    boxedExpression: { additionalModules: [german] },
  });

  const state = {
    draft: container.dataset.draft || '',
    revision: Number(container.dataset.revision || '0'),
    dirty: false,
    validation: 0,
    timer: 0,
    problems: [],
    markFrame: 0,
  };

  const changed = () => {
    state.dirty = true;
    say(container.dataset.textUnsaved, false);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => validate(modeler, container, state), ValidateDelay);
  };

  // dmn-js has one viewer per kind of view (diagram, table, expression), each with its own command stack: each is
  // watched once, when it is first shown.
  const watched = new WeakSet();
  modeler.on('views.changed', () => {
    const viewer = modeler.getActiveViewer();
    if (viewer && !watched.has(viewer)) {
      watched.add(viewer);
      viewer.on('commandStack.changed', changed);
    }

    showViews(modeler, container);
    scheduleMarks(modeler, state);
  });

  await modeler.importXML(xml);

  // Decision tables and expressions are drawn anew after every change: the markers are set again after each drawing.
  // The diagram keeps its markers itself; its overlays would otherwise start this observer again.
  new MutationObserver(() => {
    if (modeler.getActiveView()?.type !== 'drd') {
      scheduleMarks(modeler, state);
    }
  }).observe(canvas, { childList: true, subtree: true });

  const saveButton = document.querySelector('[data-editor-save]');
  const download = document.querySelector('[data-editor-download]');
  const deployForm = document.querySelector('[data-editor-deploy]');
  const deployButton = deployForm.querySelector('button[type=submit]');
  saveButton.disabled = false;
  deployButton.disabled = false;

  const content = async () => ({ xml: await currentXml(modeler) });
  saveButton.addEventListener('click', () => saveDraft(container, state, saveButton, download, say, content));
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
  container.dataset.editorReady = 'true';
}

// The views of the file as buttons above the editor: the diagram and each decision.
function showViews(modeler, container) {
  const list = container.querySelector('[data-decision-views]');
  const active = modeler.getActiveView();
  list.replaceChildren();
  for (const view of modeler.getViews()) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = view.type === 'drd' ? container.dataset.textDiagram : (view.element.name || view.element.id);
    if (active && view.element === active.element && view.type === active.type) {
      button.setAttribute('aria-current', 'true');
    }

    button.addEventListener('click', () => modeler.open(view).catch((error) => console.warn('Open view failed', error)));
    item.append(button);
    list.append(item);
  }
}

async function currentXml(modeler) {
  const { xml } = await modeler.saveXML({ format: true });
  return xml;
}

async function validate(modeler, container, state) {
  const run = ++state.validation;
  let result;
  try {
    result = await post(container.dataset.validateUrl, { xml: await currentXml(modeler) });
  } catch {
    return;
  }

  // A newer change is already being checked: its answer counts, not this one.
  if (run !== state.validation) {
    return;
  }

  const problems = result.ok ? result.answer.problems : [{ severity: 'error', decisionId: null, message: result.answer?.message ?? container.dataset.textLoadFailed }];
  showProblems(modeler, container, state, problems);
}

function showProblems(modeler, container, state, problems) {
  state.problems = problems;
  const list = document.querySelector('[data-problems]');
  const summary = document.querySelector('[data-problems-summary]');
  list.replaceChildren();
  summary.textContent = problems.length === 0
    ? container.dataset.textNoProblems
    : problems.length === 1
      ? container.dataset.textOneProblem
      : container.dataset.textProblems.replace('{0}', String(problems.length));

  for (const problem of problems) {
    const item = document.createElement('li');
    item.className = `problem problem-${problem.severity}`;
    item.dataset.code = problem.code ?? '';
    const kind = problem.severity === 'warning' ? container.dataset.textWarning : container.dataset.textError;
    if (viewOf(modeler, problem.decisionId)) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      // The server's message says where: decision, rule and column.
      button.textContent = `${kind}: ${problem.message}`;
      button.addEventListener('click', () => reveal(modeler, state, problem).catch((error) => console.warn('Reveal failed', error)));
      item.append(button);
    } else {
      item.textContent = `${kind}: ${container.dataset.textWholeFile} – ${problem.message}`;
    }

    list.append(item);
  }

  scheduleMarks(modeler, state);
  document.querySelector('.modeler-problems').dataset.checked = String(Date.now());
}

function viewOf(modeler, decisionId) {
  return decisionId ? modeler.getViews().find((view) => view.type !== 'drd' && view.element.id === decisionId) : undefined;
}

// Opens the decision of a problem and brings its cell, rule or column into view.
async function reveal(modeler, state, problem) {
  const view = viewOf(modeler, problem.decisionId);
  if (modeler.getActiveView() !== view) {
    await modeler.open(view);
  }

  markActiveView(modeler, state);
  const target = targetsOf(modeler, problem)[0];
  if (target) {
    target.scrollIntoView({ block: 'center', inline: 'center' });
    const editable = target.matches('[contenteditable]') ? target : target.querySelector('[contenteditable], textarea, input');
    editable?.focus();
  }
}

function scheduleMarks(modeler, state) {
  if (state.markFrame) {
    return;
  }

  state.markFrame = requestAnimationFrame(() => {
    state.markFrame = 0;
    markActiveView(modeler, state);
  });
}

function markActiveView(modeler, state) {
  const view = modeler.getActiveView();
  const viewer = modeler.getActiveViewer();
  if (!view || !viewer) {
    return;
  }

  if (view.type === 'drd') {
    markDiagram(viewer, state);
    return;
  }

  const root = document.querySelector('[data-decision-canvas]');
  for (const marked of root.querySelectorAll('.amtsweg-cell-problem')) {
    marked.classList.remove('amtsweg-cell-problem', 'error', 'warning');
    marked.removeAttribute('title');
  }

  for (const problem of state.problems.filter((p) => p.decisionId === view.element.id)) {
    for (const target of targetsOf(modeler, problem)) {
      target.classList.add('amtsweg-cell-problem', problem.severity === 'warning' ? 'warning' : 'error');
      target.title = problem.message;
    }
  }
}

// The cells a problem is about in the open decision table or literal expression.
function targetsOf(modeler, problem) {
  const root = document.querySelector('[data-decision-canvas]');
  const view = modeler.getActiveView();
  if (!view || view.type === 'drd') {
    return [];
  }

  if (view.type === 'literalExpression') {
    return [...root.querySelectorAll('.dmn-literal-expression-container .textarea')];
  }

  const id = problem.elementId ? CSS.escape(problem.elementId) : null;
  if (id && problem.columnId) {
    return [...root.querySelectorAll(`td[data-row-id="${id}"][data-col-id="${CSS.escape(problem.columnId)}"]`)];
  }

  if (id) {
    const column = [...root.querySelectorAll(`th[data-col-id="${id}"]`)];
    if (column.length > 0) {
      return column;
    }

    const rule = [...root.querySelectorAll(`td[data-row-id="${id}"]`)];
    if (rule.length > 0) {
      return rule;
    }
  }

  // The table as a whole (hit policy, a missing requirement): its head.
  return [...root.querySelectorAll('.decision-table-header')];
}

function markDiagram(viewer, state) {
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  for (const element of registry.getAll()) {
    canvas.removeMarker(element, 'amtsweg-problem-error');
    canvas.removeMarker(element, 'amtsweg-problem-warning');
  }
  overlays.remove({ type: 'amtsweg-problem' });

  const perDecision = new Map();
  for (const problem of state.problems.filter((p) => p.decisionId && registry.get(p.decisionId))) {
    const messages = perDecision.get(problem.decisionId) ?? [];
    messages.push(problem);
    perDecision.set(problem.decisionId, messages);
  }

  for (const [id, messages] of perDecision) {
    const error = messages.some((m) => m.severity !== 'warning');
    canvas.addMarker(id, error ? 'amtsweg-problem-error' : 'amtsweg-problem-warning');
    const badge = document.createElement('div');
    badge.className = `amtsweg-problem-badge ${error ? 'error' : 'warning'}`;
    badge.textContent = String(messages.length);
    badge.title = messages.map((m) => m.message).join('\n');
    badge.setAttribute('role', 'img');
    badge.setAttribute('aria-label', badge.title);
    overlays.add(id, 'amtsweg-problem', { position: { top: -10, right: 10 }, html: badge });
  }
}



async function offerDownload(modeler, link) {
  const xml = await currentXml(modeler);
  const definitionsId = modeler.getDefinitions()?.id || 'entscheidung';
  saveAs(xml, 'application/xml', `${definitionsId}.dmn`);
  link.hidden = false;
}
