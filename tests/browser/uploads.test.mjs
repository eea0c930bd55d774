// Issue 19, item 6: uploaded CSVs stay in the browser (IndexedDB) and the URL names them by a
// short content hash; a file over the limit is refused in words; a link to an upload this browser
// does not have says so and the lab still opens.
import { test, assert, openLab, waitDone, readTable } from './harness.mjs';
import { decodeState, encodeState } from '../../web/state/url.js';

function quadrants(n, offset = 0) {
  const rows = ['a,b,label'];
  for (let i = 0; i < n; i++) { const x = ((i + offset) % 9) / 4 - 1, y = Math.floor(i / 9) / 4 - 1 + offset / 100; rows.push(`${x},${y},${x * y > 0 ? 1 : 0}`); }
  return rows.join('\n');
}
const HASH = /^[0-9a-f]{16}$/;

test('uploads: the URL carries the uploaded CSVs\' hashes, not their rows; a reload restores the same runs', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.2`);
  await page.click('.data-panel summary');
  const train = quadrants(60), val = quadrants(20, 3);
  await page.setInputFiles('#csv-upload', { name: 'train.csv', mimeType: 'text/csv', buffer: Buffer.from(train) });
  await page.locator('.csv-split').waitFor({ state: 'visible' });
  await page.setInputFiles('#csv-upload-val', { name: 'val.csv', mimeType: 'text/csv', buffer: Buffer.from(val) });
  // The validation file is read, hashed and stored before the runs restart on it; until then the
  // page may still say "done" for the runs on the training file alone (a race this test lost now
  // and then: it read the table of the restarted runs mid-way).
  const valStored = async () => Boolean(decodeState(await page.evaluate(() => location.hash)).runs[0].spec.data.valCsv?.upload);
  for (let t = 0; !(await valStored()); t++) {
    assert(t < 200, 'the URL names the validation file within 20 s of its upload');
    await page.waitForTimeout(100);
  }
  await waitDone(page);
  const before = await readTable(page);
  const hash = await page.evaluate(() => location.hash);
  const data = decodeState(hash).runs[0].spec.data;
  assert(data.kind === 'csv' && HASH.test(data.csv?.upload) && HASH.test(data.valCsv?.upload) && data.csv.upload !== data.valCsv.upload,
    `the URL names both files by hash: ${JSON.stringify(data)}`);
  assert(!hash.includes(Buffer.from('a,b,label').toString('base64url').slice(0, 8)) && hash.length < 2000, `the URL holds no rows (${hash.length} characters)`);
  // The hash is SHA-256 of the file's text, first 16 hex digits.
  const crypto = await import('node:crypto');
  assert(data.csv.upload === crypto.createHash('sha256').update(train).digest('hex').slice(0, 16), 'the hash is the file\'s SHA-256');

  await page.reload();
  await page.waitForSelector('article.lesson .run-card');
  await page.selectOption('#speed', 'max');
  await waitDone(page);
  const after = await readTable(page);
  assert(await page.evaluate(() => location.hash) === hash, 'the reload keeps the URL');
  assert(await page.locator('#notice').isHidden(), 'no notice after the reload');
  for (const [run, row] of Object.entries(before)) {
    assert(after[run] && after[run].state === 'done' && after[run].epochs === row.epochs && after[run].valLoss === row.valLoss,
      `run ${run} trains on the same data after the reload: ${JSON.stringify(row)} vs ${JSON.stringify(after[run])}`);
  }
  // Every row of the stored training file trains; validation is the stored validation file.
  const card = page.locator('.run-card').first();
  await card.locator('.menu summary').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Data (CSV)' }).click()]);
  const fs = await import('node:fs');
  const exported = fs.readFileSync(await dl.path(), 'utf8').trim().split('\n');
  const count = (split) => exported.filter((l) => l.endsWith(`,${split}`)).length;
  assert(count('train') === 60 && count('val') === 20, `splits after the reload: train ${count('train')}, val ${count('val')}`);
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('uploads: a file over 5 MB is refused with a message in words; the runs and the URL stay as they were', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.2`);
  await waitDone(page);
  await page.click('.data-panel summary');
  const hashBefore = await page.evaluate(() => location.hash);
  const big = Buffer.alloc(5 * 1024 * 1024 + 1024, '1,2,0\n');
  await page.setInputFiles('#csv-upload', { name: 'big.csv', mimeType: 'text/csv', buffer: big });
  const alert = page.locator('.data-panel p.error[role="alert"]');
  await alert.waitFor({ state: 'visible' });
  const text = await alert.textContent();
  assert(text.includes('“big.csv” is 5.0 MB') && text.includes('up to 5.0 MB'), `the message names the file, its size and the limit: "${text}"`);
  assert(await page.evaluate(() => location.hash) === hashBefore, 'the URL is unchanged');
  assert(await page.getAttribute('main#lab', 'data-status') === 'done', 'the runs were not restarted');
  // A file within the limit clears the message and trains.
  await page.setInputFiles('#csv-upload', { name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from(quadrants(40)) });
  await alert.waitFor({ state: 'hidden' });
  await waitDone(page);
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('uploads: a link to an upload this browser does not have says so in words and opens the lesson on its own data', async ({ page, errors, base }) => {
  const missing = '0123456789abcdef';
  const runs = [
    { label: 'plain', spec: { data: { kind: 'csv', csv: { upload: missing } }, regularization: { l2: 0.001 }, training: { epochs: 40 } } },
    { label: 'L2', spec: { data: { kind: 'csv', csv: { upload: missing } }, regularization: { l2: 0.01 }, training: { epochs: 40 } } },
  ];
  await openLab(page, `${base}/${encodeState({ lesson: '6.2', preset: '6.2', runs })}`);
  const notice = page.locator('#notice');
  await notice.waitFor({ state: 'visible' });
  const text = await notice.textContent();
  assert(text.includes(`This link uses an uploaded dataset (hash ${missing}) that is not stored in this browser — upload the file again`), `notice: "${text}"`);
  await waitDone(page);
  const table = await readTable(page);
  assert(Object.keys(table).join() === 'plain,L2' && Object.values(table).every((r) => r.state === 'done' && r.epochs === 40),
    `the link's runs train (on the preset's data): ${JSON.stringify(table)}`);
  // Uploading the file again clears the notice.
  await page.click('.data-panel summary');
  await page.setInputFiles('#csv-upload', { name: 'again.csv', mimeType: 'text/csv', buffer: Buffer.from(quadrants(40)) });
  await notice.waitFor({ state: 'hidden' });
  await waitDone(page);
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});
