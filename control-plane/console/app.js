// The Immagin console: one page, no framework. Views are chosen by the URL fragment
// (#projects, #keys, #images, #usage, #account; #verify=, #reset= and #confirm-email=TOKEN
// from the emailed links). Every
// call goes to the control plane's API with the session cookie; writes carry the session's
// CSRF token, and project-scoped calls name the project in X-Immagin-Project. The DOM is
// built with textContent only, so image keys and names can never inject markup.
'use strict';

const state = {
  account: null,
  csrf: '',
  projects: [],
  project: localStorage.getItem('immagin.project') || '',
  lastUpload: null, // { loaded, total } of the latest upload, kept across re-renders
};

// ---------- small DOM and API helpers ----------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, '');
    else if (value !== false && value != null) el.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const svg = (tag, attrs = {}) => {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
};

class ApiError extends Error {
  constructor(status, body) {
    const error = body && body.error;
    super(error ? (error.field ? `${error.field}: ${error.message}` : error.message) : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function api(method, path, body, { project } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  if (project) headers['X-Immagin-Project'] = project;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

const projectApi = (method, path, body) => api(method, path, body, { project: state.project });

function banner(message, kind = 'info') {
  const el = document.getElementById('banner');
  el.textContent = message;
  el.className = kind;
  el.hidden = !message;
}

function guard(fn) {
  return async (event) => {
    if (event && event.preventDefault) event.preventDefault();
    try {
      banner('');
      await fn(event);
    } catch (error) {
      // A lost session (expired, logged out elsewhere) sends the user back to the login form;
      // a refused login stays on its form with the message.
      if (error instanceof ApiError && error.status === 401 && state.account) return showAuth('login', error.message);
      banner(error.message, 'error');
    }
  };
}

function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard access can be refused (insecure origin, permissions): select instead.
    const area = h('textarea', {}, text);
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  if (button) {
    const label = button.textContent;
    button.textContent = 'Copied';
    setTimeout(() => { button.textContent = label; }, 1200);
  }
}

const fmtDate = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
const fmtBytes = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`);
const fmtUsd = (cents) => `$${(cents / 100).toFixed(2)}`;

// ---------- session ----------

function setSession(result) {
  state.account = result.account;
  state.csrf = result.csrfToken || state.csrf;
}

async function loadSession() {
  try {
    setSession(await api('GET', '/v1/account'));
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return false;
    throw error;
  }
}

async function loadProjects() {
  const { projects } = await api('GET', '/v1/account/projects');
  state.projects = projects;
  if (!projects.some((p) => p.tenantId === state.project)) state.project = projects[0] ? projects[0].tenantId : '';
  localStorage.setItem('immagin.project', state.project);
  const select = document.getElementById('project-select');
  select.replaceChildren(...projects.map((p) => h('option', { value: p.tenantId, selected: p.tenantId === state.project }, p.tenantId)));
  document.getElementById('project-picker').hidden = projects.length === 0;
}

function showChrome(signedIn) {
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('logout').hidden = !signedIn;
  document.getElementById('who').textContent = signedIn
    ? `${state.account.email}${state.account.emailVerified ? '' : ' (unverified)'}` : '';
  if (!signedIn) document.getElementById('project-picker').hidden = true;
}

// ---------- sign up / log in / verify ----------

function showAuth(mode = 'login', message = '') {
  state.account = null;
  state.csrf = '';
  showChrome(false);
  if (message) banner(message, 'error');
  if (mode === 'forgot') return showForgot();
  const main = document.getElementById('main');
  const signup = mode === 'signup';
  const form = h('form', { id: 'auth-form', onsubmit: guard(async () => {
    const values = formValues(form);
    if (signup) {
      // Answered alike for free and taken addresses; the emailed link completes it.
      await api('POST', '/v1/account/signup', values);
      showAuth('login');
      banner(`Check your email: if ${values.email} can be used, a verification link is on its way. Opening it completes the sign-up and logs you in. (Development: it is printed in the control plane's log.)`);
      return;
    }
    setSession(await api('POST', '/v1/account/login', values));
    await route();
  }) },
  h('label', {}, 'Email', h('input', { name: 'email', type: 'email', required: true, autocomplete: 'email' })),
  h('label', {}, 'Password', h('input', { name: 'password', type: 'password', required: true, minlength: 10,
    autocomplete: signup ? 'new-password' : 'current-password' })),
  h('button', { type: 'submit', id: 'auth-submit' }, signup ? 'Create account' : 'Log in'));
  main.replaceChildren(h('section', { class: 'card auth' },
    h('div', { class: 'tabs' },
      h('button', { type: 'button', class: signup ? 'secondary' : '', id: 'tab-login', onclick: () => showAuth('login') }, 'Log in'),
      h('button', { type: 'button', class: signup ? '' : 'secondary', id: 'tab-signup', onclick: () => showAuth('signup') }, 'Sign up')),
    h('h1', {}, signup ? 'Create your Immagin account' : 'Log in to Immagin'),
    form,
    signup ? '' : h('p', { class: 'muted' },
      h('button', { type: 'button', class: 'link', id: 'forgot-password', onclick: () => {
        banner('');
        showForgot(form.querySelector('input[name=email]').value);
      } }, 'Forgot password?')),
    signup ? '' : h('p', { class: 'muted' }, 'Signed up but the link is lost or expired? ',
      h('button', { type: 'button', class: 'secondary', id: 'resend-link', onclick: guard(async () => {
        const email = form.querySelector('input[name=email]').value;
        if (!email) throw new Error('email: type the address you signed up with');
        await api('POST', '/v1/account/resend-verification', { email });
        banner(`If ${email} is waiting for verification, a new link is on its way.`);
      }) }, 'Send a new link'))));
}

// "Forgot password?": an address in, the same answer out for every address.
function showForgot(email = '') {
  const main = document.getElementById('main');
  const form = h('form', { id: 'forgot-form', onsubmit: guard(async () => {
    const values = formValues(form);
    await api('POST', '/v1/account/password-reset', { email: values.email });
    showAuth('login');
    banner(`Check your email: if an account uses ${values.email}, a link to choose a new password is on its way (it works once; the email says for how long). (Development: it is printed in the control plane's log.)`);
  }) },
  h('label', {}, 'Email', h('input', { name: 'email', type: 'email', required: true, autocomplete: 'email', value: email })),
  h('button', { type: 'submit', id: 'forgot-submit' }, 'Email me a reset link'));
  main.replaceChildren(h('section', { class: 'card auth' },
    h('h1', {}, 'Reset your password'),
    h('p', { class: 'muted' }, 'We will email a link to choose a new password. Choosing one logs out every session of the account.'),
    form,
    h('p', {}, h('button', { type: 'button', class: 'link', id: 'back-to-login', onclick: () => showAuth('login') }, 'Back to log in'))));
}

// The emailed #reset= link: a new password, then a fresh session (every older one is gone).
function showReset(token) {
  state.account = null;
  state.csrf = '';
  showChrome(false);
  const main = document.getElementById('main');
  const form = h('form', { id: 'reset-form', onsubmit: guard(async () => {
    const values = formValues(form);
    if (values.password !== values.repeat) throw new Error('password: the two passwords differ');
    const result = await api('POST', '/v1/account/password-reset/confirm', { token, password: values.password });
    setSession(result);
    history.replaceState(null, '', '#projects');
    await route();
    banner('Password changed. Every other session of the account was logged out.');
  }) },
  h('label', {}, 'New password', h('input', { name: 'password', type: 'password', required: true, minlength: 10, autocomplete: 'new-password' })),
  h('label', {}, 'Repeat it', h('input', { name: 'repeat', type: 'password', required: true, minlength: 10, autocomplete: 'new-password' })),
  h('button', { type: 'submit', id: 'reset-submit' }, 'Set the new password'));
  main.replaceChildren(h('section', { class: 'card auth' },
    h('h1', {}, 'Choose a new password'),
    form,
    h('p', { class: 'muted' }, 'Link expired or already used? ',
      h('button', { type: 'button', class: 'link', onclick: () => { history.replaceState(null, '', '#'); showForgot(); } }, 'Ask for a new one'))));
}

// The #confirm-email= link mailed to a new address: no session needed, it proves the mailbox.
async function confirmEmailFromLink(token) {
  try {
    const result = await api('POST', '/v1/account/email/confirm', { token });
    history.replaceState(null, '', '#account');
    banner(`Your login address is now ${result.account.email}.`);
  } catch (error) {
    history.replaceState(null, '', '#account');
    banner(`Email change failed: ${error.message}`, 'error');
  }
}

async function verifyFromLink(token) {
  try {
    // The link completes the sign-up: it verifies the address and starts the session.
    const result = await api('POST', '/v1/account/verify', { token });
    setSession(result);
    history.replaceState(null, '', '#projects');
    banner(`Email ${result.account.email} verified.`);
  } catch (error) {
    history.replaceState(null, '', '#projects');
    banner(`Verification failed: ${error.message}`, 'error');
  }
}

// ---------- views ----------

const views = {};

views.projects = async (main) => {
  const list = h('tbody');
  for (const p of state.projects) {
    list.append(h('tr', { 'data-tenant': p.tenantId },
      h('td', {}, h('code', { class: 'tenant-id' }, p.tenantId)),
      h('td', {}, p.name),
      h('td', {}, h('code', {}, p.deliveryBaseUrl)),
      h('td', {}, p.state),
      h('td', {},
        h('button', { type: 'button', class: 'secondary', onclick: guard(async (e) => {
          state.project = p.tenantId;
          localStorage.setItem('immagin.project', p.tenantId);
          const result = await projectApi('POST', '/v1/project/rotate-secret');
          e.target.closest('tr').querySelector('.secret-id').textContent = result.signingSecret.id;
          banner(`New signing secret ${result.signingSecret.id}; the previous one keeps working until ${fmtDate(result.previousValidUntil)}.`);
        }) }, 'Rotate secret'), ' ',
        // A leaked secret: no grace period, every URL signed with the old one stops working.
        h('button', { type: 'button', class: 'danger', 'data-action': 'rotate-revoke', onclick: guard(async (e) => {
          if (!confirm(`Revoke the old signing secret of ${p.tenantId} now? Every URL signed with it stops working.`)) return;
          state.project = p.tenantId;
          localStorage.setItem('immagin.project', p.tenantId);
          const result = await projectApi('POST', '/v1/project/rotate-secret', { graceSeconds: 0 });
          e.target.closest('tr').querySelector('.secret-id').textContent = result.signingSecret.id;
          banner(`New signing secret ${result.signingSecret.id}; the old one is revoked.`);
        }) }, 'Rotate and revoke the old secret now'), ' ',
        h('button', { type: 'button', class: 'danger', onclick: guard(async () => {
          if (!confirm(`Delete project ${p.tenantId} with all its images and keys?`)) return;
          await api('DELETE', `/v1/account/projects/${encodeURIComponent(p.tenantId)}`);
          await loadProjects();
          await render();
        }) }, 'Delete')),
      h('td', { class: 'secret-id mono' }, '')));
  }
  const form = h('form', { class: 'inline', id: 'create-project', onsubmit: guard(async () => {
    const values = formValues(form);
    const created = await api('POST', '/v1/account/projects', { tenantId: values.tenantId, name: values.name || values.tenantId });
    state.project = created.tenantId;
    await loadProjects();
    await render();
  }) },
  h('label', {}, 'Tenant id (subdomain-safe)', h('input', { name: 'tenantId', required: true, pattern: '[a-z0-9][a-z0-9-]*[a-z0-9]', placeholder: 'acme' })),
  h('label', {}, 'Name', h('input', { name: 'name', placeholder: 'Acme web' })),
  h('button', { type: 'submit' }, 'Create project'));
  const unverified = !state.account.emailVerified && h('p', { class: 'error', id: 'unverified-note' },
    'Verify your email address to create a project. ',
    h('button', { type: 'button', class: 'secondary', onclick: guard(async () => {
      await api('POST', '/v1/account/resend-verification', { email: state.account.email });
      banner('Verification email sent again.');
    }) }, 'Resend the link'));
  main.replaceChildren(
    h('h1', {}, 'Projects'),
    h('section', { class: 'card' }, h('h2', {}, 'New project'), unverified, form),
    h('section', { class: 'card' },
      state.projects.length === 0 ? h('p', { class: 'muted' }, 'No project yet.')
        : h('table', { id: 'projects-table' },
          h('thead', {}, h('tr', {}, ['Tenant id', 'Name', 'Delivery URL', 'State', '', 'Secret'].map((t) => h('th', {}, t)))),
          list)));
  // Each row shows the id of the secret currently signing (never the secret itself).
  for (const p of state.projects) {
    api('GET', '/v1/project', undefined, { project: p.tenantId }).then((info) => {
      const cell = main.querySelector(`tr[data-tenant="${CSS.escape(p.tenantId)}"] .secret-id`);
      if (cell) cell.textContent = info.signingSecret.id;
    }).catch(() => {});
  }
};

function needProject(main) {
  if (state.project) return false;
  main.replaceChildren(h('section', { class: 'card' }, h('p', {}, 'Create a project first: ', h('a', { href: '#projects' }, 'Projects'))));
  return true;
}

views.keys = async (main) => {
  if (needProject(main)) return;
  const { keys } = await projectApi('GET', '/v1/keys');
  const shown = h('div', { id: 'new-key' });
  const form = h('form', { class: 'inline', id: 'create-key', onsubmit: guard(async () => {
    const created = await projectApi('POST', '/v1/keys', { name: formValues(form).name });
    await render();
    const box = document.getElementById('new-key');
    const copyButton = h('button', { type: 'button', id: 'copy-key', onclick: () => copy(created.key, copyButton) }, 'Copy');
    box.replaceChildren(h('div', { class: 'secret-once' },
      h('p', {}, h('strong', {}, 'Your new API key. '), 'It is shown only once: copy it now.'),
      h('code', { id: 'full-key' }, created.key), ' ', copyButton));
  }) },
  h('label', {}, 'Name', h('input', { name: 'name', required: true, placeholder: 'production' })),
  h('button', { type: 'submit' }, 'Create key'));
  main.replaceChildren(
    h('h1', {}, `API keys of ${state.project}`),
    h('section', { class: 'card' }, form, shown),
    h('section', { class: 'card' }, keys.length === 0 ? h('p', { class: 'muted' }, 'No live key.') :
      h('table', { id: 'keys-table' },
        h('thead', {}, h('tr', {}, ['Prefix', 'Name', 'Created', 'Last used', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, keys.map((k) => h('tr', { 'data-key-id': k.id },
          h('td', {}, h('code', {}, `${k.prefix}…`)), h('td', {}, k.name),
          h('td', {}, fmtDate(k.createdAt)), h('td', {}, fmtDate(k.lastUsedAt)),
          h('td', {}, h('button', { type: 'button', class: 'danger', onclick: guard(async () => {
            if (!confirm(`Revoke key ${k.prefix}… (${k.name})? Clients using it stop working.`)) return;
            await projectApi('DELETE', `/v1/keys/${encodeURIComponent(k.id)}`);
            await render();
          }) }, 'Revoke'))))))));
};

const signedUrl = (key, edits, output) => projectApi('POST', '/v1/images/signed-url', { key, edits, output });

function uploadWithProgress(url, file, progress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.upload.onprogress = (event) => {
      if (!event.lengthComputable) return;
      state.lastUpload = { loaded: event.loaded, total: event.total };
      progress.max = event.total;
      progress.value = event.loaded;
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve()
      : reject(new ApiError(xhr.status, (() => { try { return JSON.parse(xhr.responseText); } catch { return null; } })())));
    xhr.onerror = () => reject(new Error('upload failed (network)'));
    xhr.send(file);
  });
}

views.images = async (main) => {
  if (needProject(main)) return;
  const prefix = sessionStorage.getItem('immagin.prefix') || '';
  const { images, nextCursor } = await projectApi('GET', `/v1/images?limit=60&prefix=${encodeURIComponent(prefix)}`);
  const last = state.lastUpload;
  const progress = h('progress', { id: 'upload-progress', max: last ? last.total : 1, value: last ? last.loaded : 0, hidden: !last });
  const form = h('form', { class: 'inline', id: 'upload-form', onsubmit: guard(async () => {
    const file = form.querySelector('input[type=file]').files[0];
    if (!file) throw new Error('choose a file');
    const key = formValues(form).key || file.name;
    const presigned = await projectApi('POST', '/v1/images/presign', { key, size: file.size });
    progress.hidden = false;
    state.lastUpload = { loaded: 0, total: file.size };
    await uploadWithProgress(presigned.uploadUrl, file, progress);
    banner(`Uploaded ${key} (${fmtBytes(file.size)}).`);
    await render();
  }) },
  h('label', {}, 'File', h('input', { type: 'file', name: 'file', accept: 'image/*', required: true })),
  h('label', {}, 'Key (default: file name)', h('input', { name: 'key', placeholder: 'photos/hero.jpg' })),
  h('button', { type: 'submit' }, 'Upload'), progress);
  const filter = h('form', { class: 'inline', onsubmit: guard(async () => {
    sessionStorage.setItem('immagin.prefix', formValues(filter).prefix);
    await render();
  }) }, h('label', {}, 'Prefix', h('input', { name: 'prefix', value: prefix })), h('button', { type: 'submit', class: 'secondary' }, 'Filter'));
  const grid = h('div', { class: 'grid', id: 'image-grid' });
  const editor = h('section', { class: 'card', id: 'editor', hidden: true });
  for (const image of images) {
    const thumb = h('img', { alt: image.key, loading: 'lazy', 'data-key': image.key });
    signedUrl(image.key, [{ resize: { width: 320, height: 320, fit: 'cover' } }], { format: 'webp', quality: 75 })
      .then(({ url }) => { thumb.src = url; }).catch(() => {});
    grid.append(h('div', { class: 'tile', 'data-key': image.key }, thumb,
      h('div', { class: 'key' }, image.key),
      h('div', { class: 'muted key' }, `${fmtBytes(image.size)} · ${fmtDate(image.lastModified)}`),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary edit', onclick: () => openEditor(editor, image.key, images.map((i) => i.key)) }, 'Edit & URL'),
        h('button', { type: 'button', class: 'danger', onclick: guard(async () => {
          if (!confirm(`Delete ${image.key}? The original is removed; cached copies expire later.`)) return;
          await projectApi('DELETE', `/v1/images/${image.key.split('/').map(encodeURIComponent).join('/')}`);
          await render();
        }) }, 'Delete'))));
  }
  main.replaceChildren(
    h('h1', {}, `Images of ${state.project}`),
    h('section', { class: 'card' }, h('h2', {}, 'Upload'), form),
    editor,
    h('section', { class: 'card' }, filter, h('p', { class: 'muted' }, `${images.length} image(s)${nextCursor ? ' (more: narrow the prefix)' : ''}`),
      images.length ? grid : h('p', { class: 'muted' }, 'No image yet.')));
};

// The editor turns a few controls into edits, asks the server to sign them and previews
// the result through the real delivery URL.
function openEditor(section, key, keys = []) {
  const preview = h('img', { id: 'preview', alt: `preview of ${key}` });
  // The variant's ThumbHash (output.format "thumbhash"), drawn from its data URL: what a
  // page shows while the image loads.
  const placeholder = h('img', { id: 'placeholder', class: 'placeholder', alt: `placeholder of ${key}` });
  const placeholderHash = h('code', { id: 'placeholder-hash' }, '');
  const urlBox = h('code', { id: 'signed-url' }, '');
  const status = h('p', { class: 'muted', id: 'preview-status' }, '');
  const copyButton = h('button', { type: 'button', id: 'copy-url', onclick: () => copy(urlBox.textContent, copyButton) }, 'Copy URL');
  // The focal point is picked on the whole original (SPEC: fractions of the image), not on
  // the cropped preview, whose pixels are a different part of it for every crop.
  let focal = null; // { x, y } in 0–1, or null for the default centre
  const picker = h('img', { id: 'focal-picker', alt: `${key}: click to set the focal point` });
  const marker = h('div', { class: 'focal-marker', id: 'focal-marker', hidden: true });
  const focalValue = h('span', { class: 'muted', id: 'focal-value' }, 'centre (default)');
  const focalNote = h('p', { class: 'muted', id: 'focal-note' }, '');
  const form = h('form', { id: 'edit-form' },
    h('label', {}, 'Width', h('input', { name: 'width', type: 'number', min: 1, max: 8192, value: 600 })),
    h('label', {}, 'Height (optional)', h('input', { name: 'height', type: 'number', min: 1, max: 8192 })),
    h('label', {}, 'Fit', h('select', { name: 'fit' }, ['cover', 'contain', 'fill', 'inside', 'outside'].map((f) => h('option', {}, f)))),
    // resize.dpr: width and height stay CSS pixels, the image is rendered dpr times larger.
    h('label', {}, 'Pixel density (dpr)', h('select', { name: 'dpr' }, [1, 2, 3, 4].map((d) => h('option', { value: d }, `${d}×`)))),
    h('label', {}, 'Rotate (degrees)', h('input', { name: 'rotate', type: 'number', value: 0 })),
    h('label', {}, 'Blur (0 = none)', h('input', { name: 'blur', type: 'number', min: 0, max: 100, step: 0.1, value: 0 })),
    h('label', {}, h('span', {}, h('input', { name: 'grayscale', type: 'checkbox' }), ' Grayscale')),
    h('label', {}, 'Text layer', h('input', { name: 'text', maxlength: 100 })),
    // An image layer: another original of this project (a logo), composited last.
    h('label', {}, 'Logo overlay', h('select', { name: 'overlay' }, h('option', { value: '' }, 'none'),
      keys.filter((k) => k !== key).map((k) => h('option', { value: k }, k)))),
    h('label', {}, 'Overlay width (px)', h('input', { name: 'overlayWidth', type: 'number', min: 1, max: 8192, value: 120 })),
    h('label', {}, 'Format', h('select', { name: 'format' }, ['webp', 'jpeg', 'png', 'avif'].map((f) => h('option', {}, f)))),
    h('label', {}, 'Quality', h('input', { name: 'quality', type: 'number', min: 1, max: 100, value: 85 })));
  const focalBox = h('div', { class: 'focal' },
    h('p', {}, 'Focal point (fit: cover with a height): ', focalValue, ' ',
      h('button', { type: 'button', class: 'secondary', id: 'focal-clear', onclick: () => { focal = null; showFocal(); update(); } }, 'Centre')),
    h('div', { class: 'focal-box' }, picker, marker), focalNote);
  let timer = 0;
  let generation = 0;
  let dpr = 1;
  const showFocal = () => {
    marker.hidden = !focal;
    focalValue.textContent = focal ? `x ${focal.x} · y ${focal.y}` : 'centre (default)';
    if (focal) {
      marker.style.left = `${focal.x * 100}%`;
      marker.style.top = `${focal.y * 100}%`;
    }
  };
  const update = () => {
    clearTimeout(timer);
    timer = setTimeout(guard(async () => {
      const v = formValues(form);
      const resize = { width: Number(v.width), fit: v.fit };
      if (v.height) resize.height = Number(v.height);
      if (Number(v.dpr) > 1) resize.dpr = Number(v.dpr);
      // Only a cover crop with both sides has anything to keep in view.
      const cropping = v.fit === 'cover' && Boolean(v.height);
      if (focal && cropping) resize.position = { x: focal.x, y: focal.y };
      focalNote.textContent = focal && !cropping ? 'Set a height and fit: cover for the focal point to matter.' : '';
      const edits = [{ resize }];
      if (Number(v.rotate)) edits.push({ rotate: { angle: Number(v.rotate) } });
      if (Number(v.blur) >= 0.3) edits.push({ blur: Number(v.blur) });
      if (v.grayscale) edits.push({ grayscale: true });
      if (v.text) edits.push({ text: { text: v.text } });
      if (v.overlay) edits.push({ image: { key: v.overlay, ...(Number(v.overlayWidth) ? { width: Number(v.overlayWidth) } : {}) } });
      const mine = ++generation;
      status.textContent = 'Rendering…';
      const { url } = await signedUrl(key, edits, { format: v.format, quality: Number(v.quality) }).catch((error) => {
        if (mine === generation) status.textContent = 'Not signed: the server refused these edits (see the message above).';
        throw error;
      });
      if (mine !== generation) return;
      dpr = Number(v.dpr) || 1;
      urlBox.textContent = url;
      preview.src = url;
      showPlaceholder(edits, mine);
    }), 250);
  };
  // Best effort beside the preview: its failures show on the preview itself.
  const showPlaceholder = (edits, mine) => signedUrl(key, edits, { format: 'thumbhash' })
    .then(({ url }) => fetch(url))
    .then((answer) => (answer.ok ? answer.json() : null))
    .then((body) => {
      if (!body || mine !== generation) return;
      placeholder.src = body.dataUrl;
      placeholderHash.textContent = body.thumbhash;
    })
    .catch(() => {});
  picker.addEventListener('click', (event) => {
    const box = picker.getBoundingClientRect();
    const fraction = (offset, size) => Math.round(Math.min(1, Math.max(0, offset / size)) * 1000) / 1000;
    focal = { x: fraction(event.clientX - box.left, box.width), y: fraction(event.clientY - box.top, box.height) };
    showFocal();
    update();
  });
  signedUrl(key, [{ resize: { width: 280 } }], { format: 'webp', quality: 70 })
    .then(({ url }) => { picker.src = url; }).catch(() => {});
  preview.addEventListener('load', () => {
    // Shown at its CSS size, as a page would lay it out: a dpr-2 image is half its pixels wide.
    preview.style.width = dpr > 1 ? `${preview.naturalWidth / dpr}px` : '';
    status.textContent = `${preview.naturalWidth} × ${preview.naturalHeight} px${dpr > 1 ? ` (dpr ${dpr}: ${Math.round(preview.naturalWidth / dpr)} × ${Math.round(preview.naturalHeight / dpr)} CSS px)` : ''}`;
  });
  preview.addEventListener('error', () => { status.textContent = 'The edge refused this combination (open the URL to read why).'; });
  form.addEventListener('input', update);
  section.hidden = false;
  section.replaceChildren(h('h2', {}, `Edit ${key}`),
    h('div', { class: 'editor' }, h('div', {}, form, focalBox), h('div', {}, preview, status, h('p', {}, urlBox), copyButton,
      h('p', { class: 'muted' }, 'Placeholder (ThumbHash): ', placeholderHash), placeholder,
      ' ', h('button', { type: 'button', class: 'secondary', onclick: () => { section.hidden = true; } }, 'Close'))));
  section.scrollIntoView({ behavior: 'smooth' });
  update();
}

function dailyChart(daily) {
  const width = 720;
  const height = 180;
  const max = Math.max(1, ...daily.map((d) => d.transforms));
  const step = width / daily.length;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 20}`, class: 'bars', id: 'usage-chart', role: 'img',
    'aria-label': 'unique transforms per day' });
  daily.forEach((d, i) => {
    const barHeight = Math.round((d.transforms / max) * height);
    const bar = svg('rect', { class: 'bar', x: i * step + 1, y: height - barHeight, width: Math.max(1, step - 2), height: barHeight, 'data-day': d.day });
    const title = svg('title');
    title.textContent = `${d.day}: ${d.transforms}`;
    bar.append(title);
    chart.append(bar);
    if (i % 5 === 0) {
      const label = svg('text', { x: i * step + 1, y: height + 14 });
      label.textContent = d.day.slice(8);
      chart.append(label);
    }
  });
  return chart;
}

views.usage = async (main) => {
  if (needProject(main)) return;
  const usage = await projectApi('GET', '/v1/usage');
  const tierRows = usage.cost.tiers.map((t) => h('tr', {},
    h('td', {}, `${t.from.toLocaleString()} – ${t.to == null ? '∞' : t.to.toLocaleString()}`),
    h('td', {}, t.pricePer1000Cents === 0 ? 'free' : `$${(t.pricePer1000Cents / 100).toFixed(2)} / 1,000`),
    h('td', {}, t.transforms.toLocaleString()),
    h('td', {}, fmtUsd(Math.round(t.millicents / 1000)))));
  let quota = null;
  if (usage.quota) {
    const share = Math.min(1, usage.uniqueTransforms / usage.quota);
    const fill = h('div');
    fill.style.width = `${(share * 100).toFixed(1)}%`;
    quota = h('section', { class: 'card' }, h('h2', {}, 'Free plan quota'),
      h('div', { class: `quota${usage.uniqueTransforms > usage.quota ? ' over' : ''}`, id: 'quota-bar' }, fill),
      h('p', { class: 'muted' }, `${usage.uniqueTransforms.toLocaleString()} of ${usage.quota.toLocaleString()} unique transforms this month`));
  }
  main.replaceChildren(
    h('h1', {}, `Usage of ${state.project} — ${usage.month}`),
    h('section', { class: 'card' },
      h('p', { class: 'muted' }, 'Unique transforms, month to date (cache hits are free)'),
      h('div', { class: 'figure', id: 'usage-total' }, usage.uniqueTransforms.toLocaleString()),
      dailyChart(usage.daily)),
    quota,
    h('section', { class: 'card' }, h('h2', {}, 'Bill so far'),
      h('div', { class: 'figure', id: 'usage-bill' }, fmtUsd(usage.cost.totalCents)),
      h('table', { id: 'tiers-table' }, h('thead', {}, h('tr', {}, ['Tier', 'Price', 'Transforms', 'Amount'].map((t) => h('th', {}, t)))),
        h('tbody', {}, tierRows)),
      h('p', { class: 'muted' }, `Plan: ${usage.plan} · project state: ${usage.state}`)));
};

views.account = async (main) => {
  const a = state.account;
  // The new address gets a link; the account keeps its address until that link is opened.
  const emailForm = h('form', { class: 'inline', id: 'change-email', onsubmit: guard(async () => {
    const values = formValues(emailForm);
    await api('POST', '/v1/account/email', { email: values.email, password: values.password });
    emailForm.reset();
    banner(`Check ${values.email}: if it can be used, a confirmation link is on its way. ${a.email} stays your login address until the link is opened. (Development: it is printed in the control plane's log.)`);
  }) },
  h('label', {}, 'New email', h('input', { name: 'email', type: 'email', required: true, autocomplete: 'email' })),
  h('label', {}, 'Current password', h('input', { name: 'password', type: 'password', required: true, autocomplete: 'current-password' })),
  h('button', { type: 'submit', id: 'change-email-submit' }, 'Change email'));
  const changeEmail = h('section', { class: 'card' }, h('h2', {}, 'Change email'), emailForm);
  main.replaceChildren(
    h('h1', {}, 'Account'),
    h('section', { class: 'card' },
      h('p', {}, 'Email: ', h('strong', {}, a.email), a.emailVerified ? ' (verified)' : ' (not verified)'),
      h('p', {}, `Plan: ${a.plan} · since ${fmtDate(a.createdAt)}`),
      h('button', { type: 'button', class: 'secondary', id: 'export', onclick: guard(async () => {
        const data = await api('GET', '/v1/account/export');
        const link = h('a', { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })), download: 'immagin-account.json' });
        link.click();
      }) }, 'Export my data (JSON)')),
    changeEmail,
    h('section', { class: 'card' }, h('h2', {}, 'Delete account'),
      h('p', {}, 'Removes every project, image, key and usage record of this account. There is no undo.'),
      h('button', { type: 'button', class: 'danger', id: 'delete-account', onclick: guard(async () => {
        if (!confirm('Delete this account and everything in it?')) return;
        await api('DELETE', '/v1/account');
        showAuth('signup');
        banner('Account deleted.');
      }) }, 'Delete my account')));
};

// ---------- routing ----------

function currentView() {
  const name = location.hash.replace(/^#/, '');
  return views[name] ? name : 'projects';
}

async function render() {
  const name = currentView();
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('active', link.dataset.view === name);
  const main = document.getElementById('main');
  main.setAttribute('data-view', name);
  await views[name](main);
}

async function route() {
  const hash = location.hash;
  const token = (name) => decodeURIComponent(hash.slice(name.length));
  if (hash.startsWith('#reset=')) return showReset(token('#reset='));
  if (hash.startsWith('#verify=')) await verifyFromLink(token('#verify='));
  if (hash.startsWith('#confirm-email=')) await confirmEmailFromLink(token('#confirm-email='));
  if (!(await loadSession())) return showAuth(hash.startsWith('#signup') ? 'signup' : 'login');
  showChrome(true);
  await loadProjects();
  await render();
}

document.getElementById('logout').addEventListener('click', guard(async () => {
  await api('POST', '/v1/account/logout');
  showAuth('login');
  banner('Logged out.');
}));
document.getElementById('project-select').addEventListener('change', guard(async (event) => {
  state.project = event.target.value;
  localStorage.setItem('immagin.project', state.project);
  await render();
}));
const isLink = (hash) => /^#(verify|reset|confirm-email)=/.test(hash);
window.addEventListener('hashchange', guard(() => (state.account && !isLink(location.hash) ? render() : route())));
guard(route)();
