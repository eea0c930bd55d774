// instructor.html: grades submission files. Each file is read as data (progress.js readSubmission
// keeps only the answers; a status or result in the file is dropped), and every exercise is
// checked again here by a <reglab-exercise no-progress> element's check(), which runs exactly
// what the student's button ran: the 6.2 code through the same sandbox and checker, the 6.1/6.3/6.4
// runs on the same seeds. The verdicts in the table are the ones measured on this computer.
import { readSubmission } from './widgets/index.js';

const EXERCISES = ['6.1', '6.2', '6.3', '6.4'];
const MAX_FILES = 200;
const MAX_BYTES = 2_000_000;
const $ = (id) => document.getElementById(id);
const status = $('status');
const body = document.querySelector('#grades tbody');
const queue = [];
let grading = false;
let count = 0;
let problems = []; // files that could not be read, said again when grading ends

function say(text, error = false) {
  status.textContent = text;
  status.classList.toggle('error', error);
}

function node(tag, attrs = {}, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') n.textContent = v;
    else n.setAttribute(k, v);
  }
  n.append(...children.filter((c) => c !== null && c !== undefined && c !== ''));
  return n;
}

// What check() needs from a submission's answers (6.2: the code), or null when nothing was handed in.
function answersFor(n, a) {
  if (!a) return null;
  if (n === '6.2') return typeof a.code === 'string' && a.code.trim() ? a.code : null;
  if (n === '6.1') return a.lambda === undefined ? null : { lambda: a.lambda, explanation: a.explanation ?? '' };
  if (n === '6.3') return a.norm === undefined ? null : { norm: a.norm, placement: a.placement ?? 'pre' };
  if (n === '6.4') return a.alpha === undefined ? null : { alpha: a.alpha, hidden: a.hidden ?? 64, conclusion: a.conclusion ?? '' };
  return null;
}

// One grading element per exercise, reused student after student.
const graders = {};
function grader(n) {
  if (!graders[n]) {
    graders[n] = document.createElement('reglab-exercise');
    graders[n].setAttribute('n', n);
    graders[n].setAttribute('no-progress', '');
    $('runs').append(graders[n]);
  }
  return graders[n];
}

function cell(td, n, state, { result, note } = {}) {
  td.className = state;
  td.dataset.verdict = state;
  if (state === 'missing') td.replaceChildren(node('span', { text: 'not handed in' }));
  else if (state === 'waiting') td.replaceChildren(node('span', { text: 'waiting…' }));
  else if (state === 'running') td.replaceChildren(node('span', { text: n === '6.2' ? 'checking the code…' : 'training on 3 seeds…' }));
  else {
    const failed = result.checks.filter((c) => !c.ok);
    td.replaceChildren(
      node('span', { class: 'verdict', text: result.pass ? '✓ passed' : `✗ not passed (${failed.length} of ${result.checks.length} checks fail)` }),
      ...failed.slice(0, 3).map((c) => node('span', { class: 'why', text: c.message.slice(0, 300) })),
      ...(note ? [node('span', { class: 'why note', text: note })] : []));
  }
}

function addStudent(sub, file) {
  const row = node('tr', { 'data-student': sub.student });
  const cells = {};
  row.append(node('th', { scope: 'row' }, sub.student, node('span', { class: 'file', text: `${file}${sub.created ? ` · ${new Date(sub.created).toLocaleString()}` : ''}` })));
  for (const n of EXERCISES) {
    cells[n] = node('td', { 'data-exercise': n, 'data-label': n });
    cell(cells[n], n, answersFor(n, sub.exercises[n]?.answers) ? 'waiting' : 'missing');
    row.append(cells[n]);
  }
  body.append(row);
  $('grades').hidden = false;
  queue.push({ sub, cells });
  grade();
}

async function grade() {
  if (grading) return;
  grading = true;
  while (queue.length) {
    const { sub, cells } = queue.shift();
    for (const n of EXERCISES) {
      const e = sub.exercises[n];
      const answers = answersFor(n, e?.answers);
      if (!answers) continue;
      say(`Grading ${sub.student}: exercise ${n}…`);
      cell(cells[n], n, 'running');
      let result;
      try {
        result = await grader(n).check(answers);
      } catch (err) {
        result = { pass: false, checks: [{ id: 'run', ok: false, message: String(err?.message ?? err) }] };
      }
      const notes = [];
      if (n === '6.2' && e.referenceShown) notes.push(`viewed the reference solution${e.answers.referenceShownAt ? ` (${new Date(e.answers.referenceShownAt).toLocaleString()})` : ''}`);
      if (n === '6.1' && typeof e.answers.explanation === 'string' && e.answers.explanation.trim()) notes.push(`explanation: “${e.answers.explanation.trim().slice(0, 400)}”`);
      if (n === '6.4' && e.answers.conclusion) notes.push(`stated: ${e.answers.conclusion === 'better' ? 'improvement' : e.answers.conclusion === 'same' ? 'no clear difference' : 'worse'}`);
      if (e.updated) notes.push(`last changed ${new Date(e.updated).toLocaleString()}`);
      cell(cells[n], n, result.pass ? 'pass' : 'fail', { result, note: notes.join(' · ') });
    }
    count++;
  }
  grading = false;
  say(`Graded ${count} submission${count === 1 ? '' : 's'}. Verdicts measured on this computer.${problems.length ? ` Not read: ${problems.join(' · ')}` : ''}`, problems.length > 0);
  document.body.dataset.graded = String(count);
}

async function load(files) {
  const list = [...files].slice(0, MAX_FILES);
  problems = [];
  for (const f of list) {
    try {
      if (f.size > MAX_BYTES) throw new Error(`${f.name} is larger than ${MAX_BYTES / 1e6} MB, too large to be a submission`);
      addStudent(readSubmission(await f.text(), f.name), f.name);
    } catch (e) {
      problems.push(e.message);
    }
  }
  if (files.length > MAX_FILES) problems.push(`only the first ${MAX_FILES} files were read`);
  if (problems.length) say(problems.join(' · '), true);
}

$('files').addEventListener('change', (e) => { load(e.target.files); e.target.value = ''; });
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); load(e.dataTransfer.files); });
