// What the BPMN modeler, the form editor and the decision editor share: their posts to the page's handlers (antiforgery
// token as a header, JSON back, or an HTML fragment for the changes to the running version), saving a draft, deploying
// (or submitting for approval), the status line, a refused save or deploy, and a download of what is on the page.

export function token() {
  return document.querySelector('input[name="__RequestVerificationToken"]').value;
}

export async function post(url, fields) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    body.append(name, value);
  }

  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { RequestVerificationToken: token(), Accept: 'application/json' },
    body,
  });
  const type = response.headers.get('Content-Type') ?? '';
  const answer = type.includes('application/json') ? await response.json() : null;
  return { ok: response.ok, status: response.status, answer };
}

// Posts the fields and shows the HTML fragment the server answers in the result element (the server's own Razor output,
// every value HTML-encoded there); a refusal's message or the offline text instead. True when the fragment is shown.
export async function showFragment(url, fields, result, loadingText, offlineText) {
  result.textContent = loadingText;
  try {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      body.append(name, value);
    }

    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { RequestVerificationToken: token(), Accept: 'text/html' },
      body,
    });
    if (!response.ok) {
      const type = response.headers.get('Content-Type') ?? '';
      const answer = type.includes('application/json') ? await response.json() : null;
      result.textContent = answer?.message ?? offlineText;
      return false;
    }

    result.innerHTML = await response.text();
    result.dataset.shown = String(Date.now());
    return true;
  } catch (error) {
    console.warn('Loading failed', error);
    result.textContent = offlineText;
    return false;
  }
}

// A function that writes a message into the status line the selector names, red when it is an error.
export function statusLine(selector) {
  return (text, isError) => {
    const element = document.querySelector(selector);
    if (element && text) {
      element.textContent = text;
      element.classList.toggle('error', Boolean(isError));
    }
  };
}

// Saves what content() gives (the editor's fields) as the municipality's draft; the address becomes the draft's.
export async function saveDraft(container, state, button, download, say, content) {
  button.disabled = true;
  say(container.dataset.textSaving, false);
  try {
    const result = await post(container.dataset.saveUrl, { ...await content(), entwurf: state.draft, revision: String(state.revision) });
    if (result.ok) {
      state.draft = result.answer.draft;
      state.revision = result.answer.revision;
      state.dirty = false;
      history.replaceState(null, '', `?entwurf=${encodeURIComponent(state.draft)}`);
      say(result.answer.message, false);
    } else {
      refused(result, container, download, say);
    }
  } catch (error) {
    console.warn('Save failed', error);
    say(container.dataset.textOffline, true);
    download.hidden = false;
  } finally {
    button.disabled = false;
  }
}

// Deploys what content() gives with the form's comment (or submits it for approval) and follows the server to the next
// page; the problems of a refused deployment go to showProblems.
export async function deployVersion(container, state, form, button, download, say, content, showProblems) {
  button.disabled = true;
  say(container.dataset.textDeploying, false);
  try {
    const comment = form.querySelector('textarea[name=comment]').value;
    const result = await post(container.dataset.deployUrl, { ...await content(), comment, entwurf: state.draft, revision: String(state.revision) });
    if (result.ok) {
      state.dirty = false;
      window.location.assign(result.answer.next);
      return;
    }

    refused(result, container, download, say);
    if (result.answer?.problems?.length) {
      showProblems(result.answer.problems);
    }
  } catch (error) {
    console.warn('Deploy failed', error);
    say(container.dataset.textOffline, true);
    download.hidden = false;
  } finally {
    button.disabled = false;
  }
}

export function refused(result, container, download, say) {
  say(result.answer?.message ?? container.dataset.textOffline, true);
  // A refused save or deploy keeps the work on the page; a conflict also offers it as a file, so nothing is lost.
  if (result.status === 409 || result.status === 404) {
    download.hidden = false;
  }
}

export function saveAs(text, type, fileName) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
