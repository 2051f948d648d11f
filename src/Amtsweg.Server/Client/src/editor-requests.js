// What the BPMN modeler and the form editor share: their posts to the page's handlers (antiforgery token as a header,
// JSON back, or an HTML fragment for the changes to the running version), the status line, a refused save or deploy,
// and a download of what is on the page.

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
