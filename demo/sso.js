// The demo's stand-in for a site's own login (demo/sso.html). A real page would ask its own
// backend for the reader's token; this one asks the Hearth server's demo endpoint, which signs
// one for any name. Everything else is what docs/sso.md tells a site to do.

const comments = document.querySelector('hearth-comments');
const form = document.getElementById('sign-in');
const nameField = document.getElementById('sign-in-name-field');
const nameInput = document.getElementById('sign-in-name');
const button = document.getElementById('sign-in-button');
const status = document.getElementById('sign-in-status');

// setIdentity() exists once the element is defined; /hearth.js may still be loading.
const elementDefined = window.customElements.whenDefined('hearth-comments');

// Stands in for a site's session cookie: a reload keeps the reader signed in, a new tab does not.
const sessionKey = 'hearth-demo-sso-name';

/** The name the reader signed in under, or null for a guest. */
let signedInName = null;
/** Whether a sign-in is on its way; the button stays focusable, so it is not disabled. */
let isBusy = false;
/** The token request answering `hearth-sso-token-expired`, shared by events that arrive together. */
let pendingRefresh = null;

/** Asks the demo login for a token naming `name`; throws with the server's message when refused. */
async function fetchToken(name) {
  const response = await window.fetch('/demo/sso-token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok || typeof body?.token !== 'string') {
    throw new Error(body?.error?.message ?? `The sign-in answered ${response.status}.`);
  }
  return body.token;
}

function showSignedIn(name) {
  status.textContent = `Signed in as ${name}.`;
  nameField.hidden = true;
  nameInput.removeAttribute('aria-invalid');
  button.textContent = 'Sign out';
}

function showSignedOut(message = 'You are not signed in.') {
  status.textContent = message;
  nameField.hidden = false;
  button.textContent = 'Sign in';
}

async function signIn(name) {
  isBusy = true;
  button.setAttribute('aria-disabled', 'true');
  status.textContent = 'Signing in…';
  try {
    const token = await fetchToken(name);
    await elementDefined;
    comments.setIdentity(token);
    signedInName = name;
    window.sessionStorage.setItem(sessionKey, name);
    showSignedIn(name);
  } catch (error) {
    showSignedOut(`Could not sign in: ${error.message}`);
    nameInput.setAttribute('aria-invalid', 'true');
    nameInput.focus();
  } finally {
    isBusy = false;
    button.removeAttribute('aria-disabled');
  }
}

async function signOut() {
  await elementDefined;
  comments.setIdentity(null);
  signedInName = null;
  window.sessionStorage.removeItem(sessionKey);
  showSignedOut('Signed out. You comment as a guest.');
}

function handleSubmit(event) {
  event.preventDefault();
  if (isBusy) return;
  if (signedInName === null) void signIn(nameInput.value.trim());
  else void signOut();
}

/** The server refused an expired token: sign a fresh one for the same reader; their comment waits for it. */
async function handleTokenExpired() {
  const name = signedInName;
  if (name === null) return;
  pendingRefresh ??= fetchToken(name).finally(() => {
    pendingRefresh = null;
  });
  try {
    const token = await pendingRefresh;
    // The reader may have signed out while the token was on its way.
    if (signedInName === name) comments.setIdentity(token);
  } catch (error) {
    status.textContent = `Your sign-in expired and could not be renewed: ${error.message}`;
  }
}

form.addEventListener('submit', handleSubmit);
comments.addEventListener('hearth-sso-token-expired', () => void handleTokenExpired());

const remembered = window.sessionStorage.getItem(sessionKey);
if (remembered !== null) await signIn(remembered);
