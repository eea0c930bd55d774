// A worker pool for tests in Node: each "worker" runs the real wasm engine in this process and
// speaks engine/worker.js's protocol (ready / records / snapshot / updated / error, tagged with
// the run id), but nothing happens on its own: the test moves time with deliver() (commands in,
// replies out) and tick(epochs) (every playing run trains up to `epochs` epochs). Replies are
// not filtered by run id here, so the session's own stale-reply check is what the tests see.
export class LocalPool {
  constructor(engine) {
    this.engine = engine;
    this.workers = new Set();  // every worker ever taken
    this.idle = [];
    this.taken = 0;            // workers handed out and not given back
    this.maxTaken = 0;
    this.nextId = 1;
  }

  take(handlers) {
    const w = this.idle.pop() ?? new LocalWorker(this);
    w.handlers = handlers;
    this.workers.add(w);
    this.taken++;
    this.maxTaken = Math.max(this.maxTaken, this.taken);
    return w;
  }

  release(w) {
    w.dispose();
    w.handlers = {};
    this.taken--;
    this.idle.push(w);
  }

  // Processes queued commands and hands out their replies, until nothing is left.
  deliver() {
    for (let guard = 0; guard < 1000; guard++) {
      const busy = [...this.workers].filter((w) => w.inbox.length || w.outbox.length);
      if (!busy.length) return;
      for (const w of busy) w.process();
    }
    throw new Error('LocalPool: messages keep coming');
  }

  // Every playing run trains up to `epochs` more epochs; then the replies are delivered.
  tick(epochs = 5) {
    this.deliver();
    for (const w of this.workers) w.train(epochs);
    this.deliver();
  }

  // Ticks until cond() holds (at most `max` ticks).
  until(cond, { epochs = 10, max = 500 } = {}) {
    for (let i = 0; i < max; i++) {
      if (cond()) return;
      this.tick(epochs);
    }
    if (!cond()) throw new Error('LocalPool.until: condition not reached');
  }

  // The worker died: like run_client.js, it is replaced and the owner hears `crashed`.
  crash(w, reason = 'it stopped answering') {
    w.dispose();
    w.id = 0;
    w.inbox = [];
    w.outbox = [];
    w.handlers.crashed?.({ reason });
  }
}

class LocalWorker {
  constructor(pool) {
    this.pool = pool;
    this.id = 0;
    this.handlers = {};
    this.inbox = [];     // commands not yet processed
    this.outbox = [];    // replies not yet delivered
    this.current = null; // {id, run, playing, probes, doneSent}
    this.sent = [];      // every command, for assertions
  }

  start(spec, probes, label) {
    this.id = this.pool.nextId++;
    this.label = label;
    this.post({ type: 'init', id: this.id, spec, probes });
    return this.id;
  }

  play(rate, share = 1) { this.send({ type: 'play', rate, share }); }
  pause() { this.send({ type: 'pause' }); }
  speed(rate, share = 1) { this.send({ type: 'speed', rate, share }); }
  step(n) { this.send({ type: 'step', n }); }
  update(partial) { this.send({ type: 'update', partial }); }
  probes(probes) { this.send({ type: 'probes', probes }); }
  send(msg) { if (this.id) this.post({ ...msg, id: this.id }); }
  terminate() { this.dispose(); this.id = -1; }

  post(msg) {
    this.sent.push(msg);
    this.inbox.push(msg);
  }

  reply(msg) { this.outbox.push(msg); }

  dispose() {
    this.current?.run.dispose();
    this.current = null;
  }

  process() {
    const inbox = this.inbox;
    this.inbox = [];
    for (const msg of inbox) this.handle(msg);
    const outbox = this.outbox;
    this.outbox = [];
    for (const msg of outbox) this.handlers[msg.type]?.(msg);
  }

  handle(msg) {
    if (msg.type === 'init') return this.init(msg);
    const c = this.current;
    if (!c || msg.id !== c.id) return; // stale command for a run this worker no longer holds
    if (msg.type === 'play') { c.playing = !c.run.done; if (c.run.done) this.flush(); }
    else if (msg.type === 'pause') c.playing = false;
    else if (msg.type === 'step') { c.playing = false; this.trainNow(msg.n); }
    else if (msg.type === 'update') {
      try {
        c.run.update(msg.partial);
        this.reply({ type: 'updated', id: c.id, partial: msg.partial, epoch: c.run.epoch, spec: c.run.spec });
      } catch (e) {
        this.reply({ type: 'error', id: c.id, during: 'update', error: { path: e.path ?? '', message: e.reason ?? e.message } });
      }
    } else if (msg.type === 'dispose') this.dispose();
  }

  init({ id, spec }) {
    this.dispose();
    try {
      const run = this.pool.engine.createRun(spec);
      this.current = { id, run, playing: false, doneSent: false };
      const train = run.data('train');
      this.reply({ type: 'ready', id, spec: run.spec, data: { features: train.features, classes: train.labels ? train.numClasses : 0, trainRows: train.rows } });
    } catch (e) {
      this.reply({ type: 'error', id, during: 'init', error: { path: e.path ?? '', message: e.reason ?? e.message } });
    }
  }

  train(epochs) {
    if (this.current?.playing) this.trainNow(epochs);
  }

  trainNow(n) {
    const c = this.current;
    if (c.run.done) return;
    const records = c.run.step(n);
    this.reply({ type: 'records', id: c.id, records, epoch: c.run.epoch, done: c.run.done, stopReason: c.run.stopReason, bestEpoch: c.run.bestEpoch });
    if (c.run.done) this.flush();
  }

  // Protocol: the records that say done come first, then one last snapshot (done: true).
  flush() {
    const c = this.current;
    c.playing = false;
    if (c.doneSent) return;
    c.doneSent = true;
    this.reply({ type: 'snapshot', id: c.id, epoch: c.run.epoch, done: true });
  }
}
