// What the BPMN modeler and the form editor share: their posts to the page's handlers (antiforgery token as a header,
// JSON back), the status line, a refused save or deploy, and a download of what is on the page.

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
