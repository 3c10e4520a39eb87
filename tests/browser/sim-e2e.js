// End-to-end test of the board simulator in a real browser (Chromium through playwright-core):
// writes PINs with recorded pen strokes (UCI pendigits) on the LCD canvas, checks unlock + LED,
// model push (pair, push, version on the LCD's model screen) and the lockout after three wrong PINs.
// Usage: node sim-e2e.js URL SCREENSHOT_DIR SD_DIR   (tests/browser/run-browser-tests starts the simulator)
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright-core');

const url = process.argv[2];
const shotDir = process.argv[3];
const root = path.resolve(__dirname, '..', '..');
const pendigits = path.resolve(root, '..', 'shared', 'data', 'pendigits', 'pendigits-orig.tra');
const model = path.resolve(root, '..', 'shared', 'models', 'pico_conv_mnist_quant.tflite');
const port = new URL(url).port;
const Buttons = { Clear: 1, Back: 2, Ok: 3, Admin: 7, Model: 10, Exit: 12, PairHost: 16 };

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
  return ok;
}

/** pendigits samples by digit: arrays of strokes, each an array of [x, y] with y pointing down. */
function loadSamples() {
  const byDigit = Array.from({ length: 10 }, () => []);
  let current = null, stroke = null;
  for (const line of fs.readFileSync(pendigits, 'utf8').split('\n')) {
    const t = line.trim();
    const seg = t.match(/^\.SEGMENT DIGIT\s+\d+\s+\?\s+"(\d)"/);
    if (seg) { current = []; byDigit[+seg[1]].push(current); continue; }
    if (t === '.PEN_DOWN' && current) { stroke = []; current.push(stroke); continue; }
    if (t === '.PEN_UP') { stroke = null; continue; }
    const xy = t.match(/^(-?\d+)\s+(-?\d+)$/);
    if (xy && stroke) stroke.push([+xy[1], -+xy[2]]);
  }
  return byDigit;
}

async function state(page) {
  return page.evaluate(() => window.simState);
}

async function waitFor(page, what, predicate, timeoutMs = 8000) {
  const end = Date.now() + timeoutMs;
  let s;
  while (Date.now() < end) {
    s = await state(page);
    if (s && predicate(s)) return s;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; screen: [${s && s.mode}] ${s && s.title} / ${s && s.status}`);
}

/** LCD pixel -> page coordinates (the canvas is scaled by whole pixels). */
async function toPage(page, x, y) {
  const box = await page.locator('#lcd').boundingBox();
  const s = await state(page);
  return [box.x + (x + 0.5) * box.width / s.width, box.y + (y + 0.5) * box.height / s.height];
}

async function tap(page, buttonId) {
  const s = await state(page);
  const b = s.buttons.find(b => b.id === buttonId);
  if (!b) throw new Error(`no button ${buttonId} on ${s.mode} (${s.buttons.map(b => b.label).join(', ')})`);
  const [px, py] = await toPage(page, b.x + b.w / 2, b.y + b.h / 2);
  await page.mouse.move(px, py);
  await page.mouse.down();
  await page.waitForTimeout(80);
  await page.mouse.up();
  await page.waitForTimeout(150);
}

/** Writes a recorded sample into a box like a finger: strokes fitted into the box, ~100 points/s. */
async function write(page, sample, box) {
  const pts = sample.flat();
  const minX = Math.min(...pts.map(p => p[0])), maxX = Math.max(...pts.map(p => p[0]));
  const minY = Math.min(...pts.map(p => p[1])), maxY = Math.max(...pts.map(p => p[1]));
  const size = Math.max(maxX - minX, maxY - minY, 1);
  const target = Math.min(box.w, box.h) * 0.6;
  const k = target / size;
  const ox = box.x + (box.w - (maxX - minX) * k) / 2, oy = box.y + (box.h - (maxY - minY) * k) / 2;
  for (const stroke of sample) {
    for (let i = 0; i < stroke.length; i++) {
      const [px, py] = await toPage(page, ox + (stroke[i][0] - minX) * k, oy + (stroke[i][1] - minY) * k);
      await page.mouse.move(px, py);
      if (i === 0) await page.mouse.down();
      await page.waitForTimeout(10);
    }
    await page.mouse.up();
    await page.waitForTimeout(60);
  }
}

/** Finds, for each digit, a recorded sample this model reads right (written into box 0 of the set-up screen, then cleared). */
async function calibrate(page, samples, digits) {
  const chosen = {};
  for (const d of digits) {
    for (let i = 0; i < 12 && chosen[d] === undefined; i++) {
      const sample = samples[d][i * 7];
      const s = await state(page);
      await write(page, sample, s.boxes[0]);
      if (d === digits[0] && i === 0) await shot(page, '01b-writing');
      const after = await waitFor(page, 'box 0 read', s => s.boxes[0].mark === 'Shown' || s.boxes[0].mark === 'Rewrite' || s.boxes[0].mark === 'Masked');
      if (after.boxes[0].mark !== 'Rewrite' && after.boxes[0].digit === d) chosen[d] = sample;
      await tap(page, Buttons.Clear);
      await waitFor(page, 'boxes cleared', s => s.boxes.every(b => b.mark === 'Empty'));
    }
    if (chosen[d] === undefined) throw new Error(`no recorded sample of ${d} is read as ${d} by this model`);
  }
  return chosen;
}

async function writePin(page, chosen, pin) {
  const s = await state(page);
  const boxes = s.boxes;
  for (let i = 0; i < pin.length; i++) {
    await write(page, chosen[pin[i]], boxes[i]);
    await page.waitForTimeout(800);
  }
}

function digitlock(args) {
  return execFileSync(path.join(root, 'digitlock'), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });
  await page.locator('#lcd').screenshot({ path: path.join(shotDir, `${name}-lcd.png`) });
}

async function main() {
  fs.mkdirSync(shotDir, { recursive: true });
  const samples = loadSamples();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'digitlock-chromium-'));
  // A fresh profile directory each run (playwright passes it as --user-data-dir).
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1700, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    let s = await waitFor(page, 'first frame and state', s => s.mode === 'Setup');
    await page.waitForFunction(() => window.simFrames > 0);
    await shot(page, '01-setup');

    const pin = '2580', wrong = '1111';
    const chosen = await calibrate(page, samples, [...new Set((pin + wrong).split('').map(Number))]);
    const digits = p => p.split('').map(Number);

    await writePin(page, chosen, digits(pin));
    await waitFor(page, 'confirm screen', s => s.mode === 'ConfirmPin');
    await writePin(page, chosen, digits(pin));
    s = await waitFor(page, 'lock screen after set-up', s => s.mode === 'Lock');
    check(/PIN SAVED/.test(s.status), `PIN ${pin} set up by writing it twice (status "${s.status}")`);

    await writePin(page, chosen, digits(pin));
    s = await waitFor(page, 'unlocked', s => s.mode === 'Unlocked');
    check(s.title === 'UNLOCKED', 'writing the PIN unlocks: title UNLOCKED');
    check(s.unlocked, 'lock output (LED) is on');
    check(await page.locator('#led.on').count() === 1, 'the page shows the LED lit');
    await shot(page, '02-unlocked');

    await tap(page, Buttons.Admin);
    await tap(page, Buttons.Model);
    s = await waitFor(page, 'model screen', s => s.title === 'MODEL');
    check(s.labels.includes('MODEL VERSION 1'), `model screen shows version 1 (${s.labels[0]})`);
    await shot(page, '03-model-v1');

    await tap(page, Buttons.PairHost);
    s = await waitFor(page, 'pairing code', s => s.labels.some(l => /^[2-9A-Z]{5}-[2-9A-Z]{5}$/.test(l)));
    const code = s.labels.find(l => /^[2-9A-Z]{5}-[2-9A-Z]{5}$/.test(l));
    await shot(page, '04-pair-code');
    let refused = '';
    try { digitlock(['push', '--model', model, '--to', `sim://127.0.0.1:${port}`]); } catch (e) { refused = String(e.stderr); }
    check(/not paired/.test(refused), `push before pairing is refused: ${refused.trim()}`);
    console.log(digitlock(['pair', '--to', `sim://127.0.0.1:${port}`, '--code', code]).trim());
    console.log(digitlock(['push', '--model', model, '--to', `sim://127.0.0.1:${port}`]).trim());
    s = await waitFor(page, 'model v2 in the board state', s => s.model && s.model.version === 2);
    s = await state(page);
    if (s.mode === 'Lock') {
      // The admin session timed out while the host built and pushed: unlock again.
      await writePin(page, chosen, digits(pin));
      await waitFor(page, 'unlocked again', s => s.mode === 'Unlocked');
      await tap(page, Buttons.Admin);
    } else {
      await tap(page, Buttons.Exit);
    }
    await tap(page, Buttons.Model);
    s = await waitFor(page, 'model screen again', s => s.title === 'MODEL');
    check(s.labels.includes('MODEL VERSION 2'), `after the push the model screen shows version 2 (${s.labels[0]})`);
    await shot(page, '05-model-v2');

    await tap(page, Buttons.Exit); // back to the admin menu
    await tap(page, Buttons.Exit); // LOCK
    s = await waitFor(page, 'locked again', s => s.mode === 'Lock' && !s.unlocked);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await writePin(page, chosen, digits(wrong));
      s = await waitFor(page, `wrong PIN ${attempt} handled`, s => (s.mode === 'Lock' && /WRONG|LEFT|TRIES/i.test(s.status + s.title)) || s.mode === 'Lockout');
      console.log(`     wrong PIN ${attempt}: [${s.mode}] ${s.title} / ${s.status}`);
      if (attempt < 3) await page.waitForTimeout(1200);
    }
    s = await waitFor(page, 'lockout', s => s.mode === 'Lockout');
    check(s.title === 'LOCKED OUT', 'three wrong PINs lock the keypad out');
    const first = s.labels.join(' ');
    await page.waitForTimeout(2100);
    s = await state(page);
    check(s.mode === 'Lockout' && s.labels.join(' ') !== first, `lockout countdown runs ("${first}" -> "${s.labels.join(' ')}")`);
    check(!s.unlocked, 'lock output stays off');
    await shot(page, '06-lockout');

    await page.click('#reset');
    s = await waitFor(page, 'reboot', s => s.boots === 2);
    check(s.model && s.model.version === 2, 'after a board reset the pushed model v2 still runs');
    check(s.mode === 'Lockout', `the lockout survives the reset (mode ${s.mode})`);
    await shot(page, '07-after-reset');

    // Push on the SD card (no link): the board takes the package at its next boot.
    const sdDir = process.argv[4];
    console.log(digitlock(['push', '--model', model, '--to', `sd:${sdDir}`, '--version', '5']).trim());
    await page.click('#reset');
    s = await waitFor(page, 'reboot with the card package', s => s.boots === 3);
    check(s.model && s.model.version === 5, `a model pushed on the SD card runs after a reset (v${s.model && s.model.version})`);
    check(s.card.some(f => f.path === 'push/result.txt') && !s.card.some(f => f.path === 'push/model.tflite'),
      'the card shows push/result.txt and the package is gone');
    check(s.serial.some(l => /sd: model package: INSTALLED V5/.test(l)), 'the serial console logs the card install');
    await shot(page, '08-sd-push');
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(() => {
  console.log(failures === 0 ? 'browser e2e: all checks passed' : `browser e2e: ${failures} check(s) failed`);
  process.exit(failures === 0 ? 0 : 1);
}, e => {
  console.error(`browser e2e: error: ${e.message}`);
  process.exit(1);
});
