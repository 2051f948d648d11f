// The form editor (issue 13.2): form-js's editor on /prozesse/formulare/bearbeiten, in the pattern of the process
// modeler (modeler.js). The page hands over the form in a JSON element (no inline script under the strict CSP); the URLs of
// the page's handlers and the German texts are data- attributes of the container. Every change is checked on the server
// (debounced) by Amtsweg.Forms and the engine's deployment checks; a problem is marked at its component and listed beside
// the editor, and a click on it selects the component.
import { FormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import './modeler.css';
import './form-editor.css';
import { translateAttributes, translateTree } from './form-editor-translations.js';
import { deployVersion, post, saveAs, saveDraft, showFragment, statusLine } from './editor-requests.js';

const say = statusLine('[data-editor-status]');

const ValidateDelay = 600;

const root = document.querySelector('[data-form-editor]');
if (root) {
  start(root).catch((error) => {
    console.warn('Form editor failed', error);
    say(root.dataset.textLoadFailed, true);
  });
}

async function start(container) {
  // The text as stored: sent back unchanged as long as the designer changed nothing, so that a form from Camunda Modeler
  // is saved and deployed byte for byte.
  const original = JSON.parse(document.getElementById(container.dataset.formSource).textContent);
  const editor = new FormEditor({
    container,
    exporter: { name: 'Amtsweg', version: '1.0' },
  });
  // form-js's editor has no translation service: its palette and properties panel are translated where they are drawn.
  translateTree(container);
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        translateTree(node);
      }
      if (change.type === 'characterData') {
        translateTree(change.target);
      }
      if (change.type === 'attributes') {
        translateAttributes(change.target);
      }
    }
  }).observe(container, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['title', 'placeholder', 'aria-label'] });

  await editor.importSchema(JSON.parse(original));

  const state = {
    original,
    changed: false,
    draft: container.dataset.draft || '',
    revision: Number(container.dataset.revision || '0'),
    dirty: false,
    validation: 0,
    timer: 0,
    problems: [],
  };

  const saveButton = document.querySelector('[data-editor-save]');
  const download = document.querySelector('[data-editor-download]');
  const deployForm = document.querySelector('[data-editor-deploy]');
  const deployButton = deployForm.querySelector('button[type=submit]');
  const changesButton = document.querySelector('[data-form-changes]');
  saveButton.disabled = false;
  deployButton.disabled = false;
  changesButton.disabled = false;

  editor.on('commandStack.changed', () => {
    state.changed = true;
    state.dirty = true;
    say(container.dataset.textUnsaved, false);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => validate(editor, container, state), ValidateDelay);
    outdateChanges(container);
  });
  // Preact draws a component anew when it changes: its marker is set again after every render.
  editor.on('changed', () => requestAnimationFrame(() => markComponents(container, state.problems)));

  const content = async () => ({ schema: currentSchema(editor, state) });
  saveButton.addEventListener('click', () => saveDraft(container, state, saveButton, download, say, content));
  changesButton.addEventListener('click', async () => {
    changesButton.disabled = true;
    const result = document.querySelector('[data-changes-result]');
    await showFragment(container.dataset.changesUrl, { schema: currentSchema(editor, state) }, result, container.dataset.textChangesLoading, container.dataset.textOffline);
    changesButton.disabled = false;
  });
  download.addEventListener('click', (event) => {
    event.preventDefault();
    offerDownload(editor, state, download);
  });
  deployForm.addEventListener('submit', (event) => {
    event.preventDefault();
    deployVersion(container, state, deployForm, deployButton, download, say, content, (problems) => showProblems(editor, container, state, problems));
  });
  window.addEventListener('beforeunload', (event) => {
    if (state.dirty) {
      event.preventDefault();
    }
  });

  await validate(editor, container, state);
  container.dataset.editorReady = 'true';
}

// Changes shown for an earlier state of the form are replaced by a note to show them again.
function outdateChanges(container) {
  const result = document.querySelector('[data-changes-result]');
  if (result.childElementCount > 0) {
    const note = document.createElement('p');
    note.textContent = container.dataset.textChangesOutdated;
    result.replaceChildren(note);
  }
}

function currentSchema(editor, state) {
  return state.changed ? JSON.stringify(editor.saveSchema(), null, 2) : state.original;
}

async function validate(editor, container, state) {
  const run = ++state.validation;
  let result;
  try {
    result = await post(container.dataset.validateUrl, { schema: currentSchema(editor, state) });
  } catch {
    return;
  }

  // A newer change is already being checked: its answer counts, not this one.
  if (run !== state.validation) {
    return;
  }

  const problems = result.ok ? result.answer.problems : [{ severity: 'error', elementId: null, message: result.answer?.message ?? container.dataset.textLoadFailed }];
  showProblems(editor, container, state, problems);
}

function showProblems(editor, container, state, problems) {
  const registry = editor.get('formFieldRegistry');
  state.problems = problems.map((problem) => ({ ...problem, known: Boolean(problem.elementId && registry.get(problem.elementId)) }));

  const list = document.querySelector('[data-problems]');
  const summary = document.querySelector('[data-problems-summary]');
  list.replaceChildren();
  summary.textContent = problems.length === 0
    ? container.dataset.textNoProblems
    : problems.length === 1
      ? container.dataset.textOneProblem
      : container.dataset.textProblems.replace('{0}', String(problems.length));

  for (const problem of state.problems) {
    const item = document.createElement('li');
    item.className = `problem problem-${problem.severity}`;
    item.dataset.code = problem.code ?? '';
    const kind = problem.severity === 'warning' ? container.dataset.textWarning : container.dataset.textError;
    if (problem.known) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      // Amtsweg.Forms's message names the component already.
      button.textContent = `${kind}: ${problem.message}`;
      button.addEventListener('click', () => {
        const field = editor.get('formFieldRegistry').get(problem.elementId);
        if (field) {
          editor.get('selection').set(field);
          container.querySelector(`.fjs-element[data-id="${CSS.escape(field.id)}"]`)?.scrollIntoView({ block: 'center' });
        }
      });
      item.append(button);
    } else {
      item.textContent = `${kind}: ${container.dataset.textWholeForm} – ${problem.message}`;
    }

    list.append(item);
  }

  markComponents(container, state.problems);
  document.querySelector('.modeler-problems').dataset.checked = String(Date.now());
}

function markComponents(container, problems) {
  for (const marked of container.querySelectorAll('.amtsweg-field-problem')) {
    marked.classList.remove('amtsweg-field-problem', 'error', 'warning');
    marked.removeAttribute('data-problem');
  }

  for (const problem of problems.filter((p) => p.known)) {
    const element = container.querySelector(`.fjs-element[data-id="${CSS.escape(problem.elementId)}"]`);
    if (element) {
      element.classList.add('amtsweg-field-problem', problem.severity === 'warning' ? 'warning' : 'error');
      element.dataset.problem = problem.message;
      element.title = problem.message;
    }
  }
}



function offerDownload(editor, state, link) {
  const schema = currentSchema(editor, state);
  const formId = editor.saveSchema().id || 'formular';
  saveAs(schema, 'application/json', `${formId}.form`);
  link.hidden = false;
}
