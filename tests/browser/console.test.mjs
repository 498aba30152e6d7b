// The console as a new user walks it, in Debian's Chromium against the real stack: sign up,
// verify the email (link read from the control plane's log, as a developer would), create
// a project, create a key, upload an image, see its thumbnail delivered through Varnish and
// Luna, preview an edit (pixel density, focal point), read the usage, revoke the key, log
// out, reset the forgotten password by its emailed link, change the login email, log in
// again, export and delete the account. Screenshots go to BROWSER_ARTIFACTS.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

const require = createRequire(new URL('../package.json', import.meta.url));
const { chromium } = require('playwright-core');
const sharp = require('sharp');

const {
  BROWSER_API: api, BROWSER_EDGE: edge, BROWSER_CP_LOG: cpLog, BROWSER_ARTIFACTS: artifacts,
  BROWSER_CHROMIUM: executablePath, BROWSER_OBJECTS: objectsDir,
} = process.env;
let email = `new.user+${Date.now()}@example.com`;
let password = 'a long and unguessable passphrase';
const tenant = 'browser-co';

let browser;
let context;
let page;
const pageErrors = [];
// The UTC day the suite started: renders land on it or on a later day when a run crosses midnight.
const firstDay = new Date().toISOString().slice(0, 10);
let apiKey = '';

async function shot(name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

async function eventually(check, what, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

// The development copies of the emails, as the control plane logs them (newest first).
function mailsTo(to) {
  const lines = fs.readFileSync(cpLog, 'utf8').split('\n').filter((l) => l.includes('"email not sent'));
  return lines.reverse().map((line) => JSON.parse(line)).filter((entry) => entry.to === to);
}

// The newest link to `/console/#{fragment}=TOKEN` mailed to `to`.
function mailedLink(to, fragment) {
  const link = new RegExp(`(http://\\S+/console/#${fragment}=[A-Za-z0-9_-]+)`);
  for (const entry of mailsTo(to)) {
    const match = link.exec(entry.body);
    if (match) return match[1];
  }
  return null;
}

const verificationLink = () => mailedLink(email, 'verify');
const bannerText = () => page.textContent('#banner');

async function photo(width, height) {
  const px = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    px[i * 3] = (x * 255) / width;
    px[i * 3 + 1] = (y * 255) / height;
    px[i * 3 + 2] = ((x ^ y) & 32) ? 200 : 60;
  }
  return sharp(px, { raw: { width, height, channels: 3 } }).jpeg().toBuffer();
}

async function sessionCookie() {
  const cookies = await context.cookies(api);
  return cookies.find((c) => c.name === 'immagin_session');
}

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    // A refused image or request shows up as a console error too (CSP violations included).
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('dialog', (dialog) => dialog.accept());
});

after(async () => {
  await browser?.close();
});

describe('console', () => {
  test('sign up', async () => {
    await page.goto(`${api}/console/#signup`);
    await page.fill('#auth-form input[name=email]', email);
    await page.fill('#auth-form input[name=password]', password);
    await shot('01-sign-up');
    await page.click('#auth-submit');
    // The same answer for a free and a taken address: check your email, no session yet.
    await page.waitForFunction(() => /Check your email/.test(document.getElementById('banner').textContent));
    assert.match(await page.textContent('#banner'), /verification link/);
    assert.equal(await sessionCookie(), undefined, 'no session before the link is opened');
    await shot('02-check-your-email');
  });

  test('an unverified account cannot log in', async () => {
    await page.fill('#auth-form input[name=email]', email);
    await page.fill('#auth-form input[name=password]', password);
    await page.click('#auth-submit');
    await page.waitForSelector('#banner.error');
    assert.match(await page.textContent('#banner'), /not verified yet/);
    pageErrors.length = 0;  // the refused request's console line is expected
  });

  test('verify the email from the link in the log', async () => {
    const link = await eventually(verificationLink, 'the verification email in the log');
    assert.ok(link.startsWith(`${api}/console/#verify=`), link);
    await page.goto(link);
    await page.waitForFunction(() => /verified/.test(document.getElementById('banner').textContent));
    // The link logs in: the page loads the session and renders the projects.
    await page.waitForSelector('#nav:not([hidden])');
    await page.waitForFunction(() => !/unverified/.test(document.getElementById('who').textContent) &&
      !document.getElementById('unverified-note') && document.getElementById('create-project'));
    const cookie = await sessionCookie();
    assert.ok(cookie, 'the session cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(await page.evaluate(() => document.cookie), '', 'scripts cannot read it');
    await shot('03-verified');
  });

  test('create a project, see its tenant id, rotate its secret', async () => {
    await page.fill('#create-project input[name=tenantId]', tenant);
    await page.fill('#create-project input[name=name]', 'Browser Co');
    await page.click('#create-project button[type=submit]');
    await page.waitForSelector(`#projects-table tr[data-tenant="${tenant}"]`);
    assert.equal(await page.textContent(`tr[data-tenant="${tenant}"] .tenant-id`), tenant);
    const row = `tr[data-tenant="${tenant}"]`;
    await page.waitForFunction((sel) => document.querySelector(`${sel} .secret-id`).textContent !== '', row);
    const before = await page.textContent(`${row} .secret-id`);
    await page.click(`${row} button:has-text("Rotate secret")`);
    await page.waitForFunction(([sel, old]) => {
      const text = document.querySelector(`${sel} .secret-id`).textContent;
      return text && text !== old;
    }, [row, before]);
    assert.match(await page.textContent('#banner'), /New signing secret/);
    await shot('04-project');
  });

  test('create an API key, shown once, copied', async () => {
    await page.click('nav a[data-view=keys]');
    await page.fill('#create-key input[name=name]', 'production');
    await page.click('#create-key button[type=submit]');
    await page.waitForSelector('#full-key');
    apiKey = (await page.textContent('#full-key')).trim();
    assert.match(apiKey, /^imk_[A-Za-z0-9]{22,}$/);
    await page.click('#copy-key');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), apiKey);
    const prefix = await page.textContent('#keys-table tbody tr td code');
    assert.equal(prefix, `${apiKey.slice(0, 8)}…`);
    await shot('05-key-created');
    // The key works for the SDK's API.
    const r = await fetch(`${api}/v1/project`, { headers: { Authorization: `Bearer ${apiKey}` } });
    assert.equal(r.status, 200);
    assert.equal((await r.json()).tenantId, tenant);
    // Shown once: after a reload only the prefix is left.
    await page.reload();
    await page.waitForSelector('#keys-table');
    assert.equal(await page.$('#full-key'), null);
    assert.equal((await page.content()).includes(apiKey), false);
  });

  test('upload an image with progress and see its thumbnail through the CDN', async () => {
    await page.click('nav a[data-view=images]');
    await page.waitForSelector('#upload-form');
    const bytes = await photo(1200, 800);
    await page.setInputFiles('#upload-form input[type=file]', { name: 'hero.jpg', mimeType: 'image/jpeg', buffer: bytes });
    await page.fill('#upload-form input[name=key]', 'photos/hero.jpg');
    await page.click('#upload-form button[type=submit]');
    await page.waitForFunction(() => /Uploaded photos\/hero.jpg/.test(document.getElementById('banner').textContent));
    const thumb = '.tile[data-key="photos/hero.jpg"] img';
    await page.waitForSelector(thumb);
    await page.waitForFunction((sel) => {
      const img = document.querySelector(sel);
      return img && img.complete && img.naturalWidth > 0;
    }, thumb, { timeout: 30_000 });
    const { src, width, height } = await page.$eval(thumb, (img) => ({ src: img.src, width: img.naturalWidth, height: img.naturalHeight }));
    assert.ok(src.startsWith(`${edge}/${tenant}/`), src);
    assert.deepEqual([width, height], [320, 320]);
    // The stored original is the uploaded file, byte for byte.
    const stored = fs.readdirSync(objectsDir).map((d) => path.join(objectsDir, d, 'photos', 'hero.jpg')).find((f) => fs.existsSync(f));
    assert.ok(stored, 'the original is in storage');
    assert.ok(Buffer.compare(fs.readFileSync(stored), bytes) === 0);
    // The progress bar, fed by XMLHttpRequest upload events, reached the end.
    const progress = await page.$eval('#upload-progress', (p) => [p.value, p.max]);
    assert.deepEqual(progress, [bytes.length, bytes.length]);
    // Served by Varnish: a second request is a cache hit.
    const again = await fetch(src);
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('x-cache'), 'HIT');
    await shot('06-images');
  });

  test('preview an edit and copy its signed URL', async () => {
    await page.click('.tile[data-key="photos/hero.jpg"] button.edit');
    await page.waitForSelector('#preview');
    await page.waitForFunction(() => {
      const img = document.getElementById('preview');
      return img.complete && img.naturalWidth === 600;
    }, null, { timeout: 30_000 });
    await page.fill('#edit-form input[name=width]', '300');
    await page.check('#edit-form input[name=grayscale]');
    await page.fill('#edit-form input[name=text]', 'hello');
    await page.selectOption('#edit-form select[name=format]', 'png');
    await page.waitForFunction(() => {
      const img = document.getElementById('preview');
      return img.complete && img.naturalWidth === 300 && img.src.includes('?sig=');
    }, null, { timeout: 30_000 });
    const url = await page.textContent('#signed-url');
    assert.ok(url.startsWith(`${edge}/${tenant}/`), url);
    await page.click('#copy-url');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
    const payload = JSON.parse(Buffer.from(url.split('/').at(-1).split('?')[0], 'base64url').toString());
    assert.equal(payload.key, 'photos/hero.jpg');
    assert.equal(payload.output.format, 'png');
    const edits = payload.edits.map((e) => Object.keys(e)[0]);
    assert.ok(edits.includes('grayscale') && edits.includes('text'), JSON.stringify(payload.edits));
    const delivered = await fetch(url);
    assert.equal(delivered.status, 200);
    assert.equal(delivered.headers.get('content-type'), 'image/png');
    const meta = await sharp(Buffer.from(await delivered.arrayBuffer())).metadata();
    assert.deepEqual([meta.width, meta.height], [300, 200]);
    await shot('07-edit-preview');
  });

  test('preview at pixel density 2 and pick a focal point for a cover crop', async () => {
    // resize.dpr: the width stays 300 CSS pixels, the image is 600 pixels wide, shown at 300.
    await page.selectOption('#edit-form select[name=dpr]', '2');
    await page.waitForFunction(() => {
      const img = document.getElementById('preview');
      return img.complete && img.naturalWidth === 600 && img.src.includes('?sig=');
    }, null, { timeout: 30_000 });
    const url = await page.textContent('#signed-url');
    const payload = JSON.parse(Buffer.from(url.split('/').at(-1).split('?')[0], 'base64url').toString());
    // The payload carries the canonical form (defaults spelled out).
    assert.equal(payload.edits[0].resize.width, 300);
    assert.equal(payload.edits[0].resize.dpr, 2);
    const delivered = await sharp(Buffer.from(await (await fetch(url)).arrayBuffer())).metadata();
    assert.deepEqual([delivered.width, delivered.height], [600, 400]);
    const shown = await page.$eval('#preview', (img) => img.clientWidth); // without its border
    assert.ok(Math.abs(shown - 300) < 1, `shown ${shown} CSS px wide`);
    assert.match(await page.textContent('#preview-status'), /600 × 400 px \(dpr 2: 300 × 200 CSS px\)/);

    // A square cover crop of the 3:2 image: the focal point decides which part stays. In
    // colour, so the red ramp (0 at the left edge, 255 at the right) shows which part it is.
    await page.uncheck('#edit-form input[name=grayscale]');
    await page.fill('#edit-form input[name=height]', '300');
    await page.waitForFunction(() => {
      const img = document.getElementById('focal-picker');
      return img.complete && img.naturalWidth === 280;
    }, null, { timeout: 30_000 });
    const box = await page.$eval('#focal-picker', (img) => {
      const r = img.getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height };
    });
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/images/signed-url') &&
      Boolean(JSON.parse(r.postData() || '{}').edits?.[0]?.resize?.position));
    await page.mouse.click(box.x + box.w * 0.25, box.y + box.h * 0.75);
    const request = await sent;
    const { position } = JSON.parse(request.postData()).edits[0].resize;
    assert.ok(Math.abs(position.x - 0.25) <= 0.01 && Math.abs(position.y - 0.75) <= 0.01, JSON.stringify(position));
    assert.equal(await page.isVisible('#focal-marker'), true);
    assert.match(await page.textContent('#focal-value'), /^x 0\.2\d* · y 0\.7\d*$/);
    const answer = await request.response();
    assert.equal(answer.status(), 200, 'the edge knows SPEC resize.position {x, y}');
    const { url: focused } = await answer.json();
    await page.waitForFunction((u) => {
      const img = document.getElementById('preview');
      return img.src === u && img.complete && img.naturalWidth === 600;
    }, focused, { timeout: 30_000 });
    const cropped = Buffer.from(await (await fetch(focused)).arrayBuffer());
    const image = await sharp(cropped).metadata();
    assert.deepEqual([image.width, image.height], [600, 600]);
    // x 0.25 of 1200 px wants the 800 px crop centred at 300: clamped to the left edge, so
    // its left strip is the image's red-free left edge (a centre crop's starts at red ≈ 42).
    // (stats() reads its input, not the pipeline: the strip is cut into a buffer first.)
    const strip = await sharp(await sharp(cropped).extract({ left: 0, top: 0, width: 30, height: 600 }).toBuffer()).stats();
    assert.ok(strip.channels[0].mean < 20, `left strip red mean ${strip.channels[0].mean}`);
    await shot('07b-preview-dpr-focal');
    await page.click('#focal-clear');
    assert.equal(await page.isVisible('#focal-marker'), false);
  });

  test('a logo overlay from another original, and the ThumbHash placeholder of the variant', async () => {
    const logo = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#ff0000' } }).png().toBuffer();
    await page.setInputFiles('#upload-form input[type=file]', { name: 'logo.png', mimeType: 'image/png', buffer: logo });
    await page.fill('#upload-form input[name=key]', 'brand/logo.png');
    await page.click('#upload-form button[type=submit]');
    // The tile, not the banner: the open editor's pending render may clear the banner first.
    await page.waitForSelector('.tile[data-key="brand/logo.png"]', { timeout: 30_000 });
    await page.click('.tile[data-key="photos/hero.jpg"] button.edit');
    await page.waitForSelector('#edit-form select[name=overlay] option[value="brand/logo.png"]', { state: 'attached' });
    await page.selectOption('#edit-form select[name=format]', 'png');
    await page.selectOption('#edit-form select[name=overlay]', 'brand/logo.png');
    await page.waitForFunction(() => {
      const img = document.getElementById('preview');
      return img.complete && img.naturalWidth === 600 && img.src.includes('?sig=') &&
        JSON.parse(atob(img.src.split('/').at(-1).split('?')[0].replace(/-/g, '+').replace(/_/g, '/'))).edits.some((e) => e.image);
    }, null, { timeout: 30_000 });
    const url = await page.textContent('#signed-url');
    const payload = JSON.parse(Buffer.from(url.split('/').at(-1).split('?')[0], 'base64url').toString());
    const layer = payload.edits.find((e) => e.image).image;
    assert.equal(layer.key, 'brand/logo.png');
    assert.equal(layer.width, 120);
    // The 120×60 logo sits 16 px in from the bottom-right corner of the 600×400 preview.
    const { data, info } = await sharp(Buffer.from(await (await fetch(url)).arrayBuffer())).raw().toBuffer({ resolveWithObject: true });
    const i = ((400 - 16 - 30) * info.width + (600 - 16 - 60)) * info.channels;
    assert.deepEqual([data[i], data[i + 1], data[i + 2]], [255, 0, 0]);
    // The placeholder: the variant's ThumbHash, drawn from its data URL.
    await page.waitForFunction(() => {
      const img = document.getElementById('placeholder');
      return img.src.startsWith('data:image/png;base64,') && img.complete && img.naturalWidth > 0 &&
        document.getElementById('placeholder-hash').textContent.length > 20;
    }, null, { timeout: 30_000 });
    await shot('07c-overlay-placeholder');
  });

  test('usage shows the unique transforms, the chart, the bill and the quota', async () => {
    // Thumbnail, two previews at 600 and 300 and the intermediate renders: at least three.
    await page.click('nav a[data-view=usage]');
    let seen = 0;
    const total = await eventually(async () => {
      // A fresh document each time (going to the same #usage URL would not re-render).
      await page.reload();
      await page.waitForSelector('#usage-total');
      seen = Number((await page.textContent('#usage-total')).replace(/,/g, ''));
      return seen >= 3 ? seen : 0;
    }, 'usage to reach the control plane').catch((error) => assert.fail(`${error.message} (last seen: ${seen})`));
    const days = await page.$$eval('#usage-chart rect.bar', (bars) => bars.length);
    const now = new Date();
    assert.equal(days, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate());
    const today = now.toISOString().slice(0, 10);
    const barDays = await page.$$eval('#usage-chart rect.bar', (bars) =>
      bars.filter((r) => Number(r.getAttribute('height')) > 0).map((r) => r.getAttribute('data-day')));
    assert.ok(barDays.length > 0, 'the renders have a bar');
    for (const day of barDays) assert.ok(day >= firstDay && day <= today, `bar on ${day}, outside ${firstDay}..${today}`);
    assert.equal(await page.textContent('#usage-bill'), '$0.00');
    assert.equal(await page.$$eval('#tiers-table tbody tr', (rows) => rows.length), 5);
    const fill = await page.$eval('#quota-bar > div', (d) => d.style.width);
    assert.equal(parseFloat(fill), Number(((total / 25000) * 100).toFixed(1)));
    await shot('08-usage');
  });

  test('revoke the key', async () => {
    await page.click('nav a[data-view=keys]');
    await page.waitForSelector('#keys-table');
    await page.click('#keys-table button:has-text("Revoke")');
    await page.waitForFunction(() => !document.getElementById('keys-table'));
    const r = await fetch(`${api}/v1/project`, { headers: { Authorization: `Bearer ${apiKey}` } });
    assert.equal(r.status, 401);
    await shot('09-key-revoked');
  });

  test('log out: the old cookie is dead on the server', async () => {
    const cookie = await sessionCookie();
    await page.click('#logout');
    await page.waitForSelector('#auth-form');
    assert.equal(await sessionCookie(), undefined, 'the browser dropped the cookie');
    const replay = await fetch(`${api}/v1/account`, { headers: { Cookie: `immagin_session=${cookie.value}` } });
    assert.equal(replay.status, 401);
    await shot('10-logged-out');
  });

  test('forgot password: the emailed link sets a new one and ends every other session', async () => {
    // Another device's session, which must not outlive the reset.
    const login = await fetch(`${api}/v1/account/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    assert.equal(login.status, 200);
    const other = login.headers.getSetCookie().find((c) => c.startsWith('immagin_session=')).split(';')[0];
    await page.click('#forgot-password');
    await page.fill('#forgot-form input[name=email]', email);
    await shot('11-forgot-password');
    await page.click('#forgot-submit');
    await page.waitForFunction(() => /Check your email/.test(document.getElementById('banner').textContent));
    assert.match(await bannerText(), /link to choose a new password/);
    await page.waitForSelector('#auth-form');
    await shot('12-reset-check-your-email');

    const link = await eventually(() => mailedLink(email, 'reset'), 'the reset email in the log');
    assert.ok(link.startsWith(`${api}/console/#reset=`), link);
    await page.goto(link);
    await page.waitForSelector('#reset-form');
    const newPassword = 'a brand new and even longer passphrase';
    await page.fill('#reset-form input[name=password]', newPassword);
    await page.fill('#reset-form input[name=repeat]', newPassword);
    await shot('13-new-password');
    await page.click('#reset-submit');
    await page.waitForSelector('#nav:not([hidden])');
    await page.waitForFunction(() => /Password changed/.test(document.getElementById('banner').textContent));
    assert.equal(await page.evaluate(() => location.hash), '#projects');
    assert.ok(await sessionCookie(), 'the reset logged this browser in');
    const replay = await fetch(`${api}/v1/account`, { headers: { Cookie: other } });
    assert.equal(replay.status, 401, 'the other session was revoked');
    const token = decodeURIComponent(link.split('#reset=')[1]);
    const again = await fetch(`${api}/v1/account/password-reset/confirm`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, password: 'yet another long passphrase' }),
    });
    assert.equal(again.status, 410, 'the link works once');
    assert.equal((await again.json()).error.field, 'token');
    assert.ok(mailsTo(email).some((m) => m.subject === 'Your Immagin password was changed'));
    password = newPassword;
    await shot('14-password-reset');
  });

  test('change the login email from the account settings', async () => {
    const newEmail = email.replace('new.user+', 'moved.user+');
    await page.click('nav a[data-view=account]');
    await page.waitForSelector('#change-email');
    await page.fill('#change-email input[name=email]', newEmail);
    await page.fill('#change-email input[name=password]', 'not the current password');
    await page.click('#change-email-submit');
    await page.waitForSelector('#banner.error');
    assert.match(await bannerText(), /current password is wrong/);
    assert.ok(await sessionCookie(), 'a wrong password keeps the session');
    pageErrors.length = 0; // the refused request's console line is expected
    await page.fill('#change-email input[name=password]', password);
    await page.click('#change-email-submit');
    await page.waitForFunction(() => /confirmation link/.test(document.getElementById('banner').textContent));
    assert.match(await page.textContent('#who'), new RegExp(email.replace(/[.+]/g, '\\$&')), 'unchanged until the link is opened');
    await shot('15-change-email');

    const link = await eventually(() => mailedLink(newEmail, 'confirm-email'), 'the confirmation email in the log');
    await page.goto(link);
    await page.waitForFunction(() => /Your login address is now/.test(document.getElementById('banner').textContent));
    await page.waitForFunction((address) => document.getElementById('who').textContent.startsWith(address), newEmail);
    assert.equal(await page.evaluate(() => location.hash), '#account');
    await eventually(() => mailsTo(email).some((m) => m.subject === 'Your Immagin login address was changed'),
      'the notice to the old address');
    email = newEmail;
    await shot('16-email-changed');
    await page.click('#logout');
    await page.waitForSelector('#auth-form');
  });

  test('log in again, export my data, delete the account', async () => {
    await page.fill('#auth-form input[name=email]', email);
    await page.fill('#auth-form input[name=password]', 'not the password');
    await page.click('#auth-submit');
    await page.waitForSelector('#banner.error');
    assert.match(await page.textContent('#banner'), /wrong email or password/);
    pageErrors.length = 0;  // the refused login's console line is expected
    await page.fill('#auth-form input[name=password]', password);
    await page.click('#auth-submit');
    await page.waitForSelector('#nav:not([hidden])');
    await page.click('nav a[data-view=account]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.account.email, email);
    assert.equal(exported.projects[0].tenantId, tenant);
    assert.deepEqual(exported.projects[0].images.map((i) => i.key).sort(), ['brand/logo.png', 'photos/hero.jpg']);
    assert.equal(JSON.stringify(exported).includes(apiKey), false);
    fs.writeFileSync(path.join(artifacts, 'export.json'), JSON.stringify(exported, null, 2));
    await shot('17-account');
    await page.click('#delete-account');
    await page.waitForSelector('#auth-form');
    assert.match(await page.textContent('#banner'), /Account deleted/);
    assert.deepEqual(fs.readdirSync(objectsDir), [], 'the originals are gone');
    const login = await fetch(`${api}/v1/account/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    assert.equal(login.status, 401);
    await shot('18-deleted');
  });

  test('no script error or refused resource on any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
