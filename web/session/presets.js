// Preset files (web/presets/<id>.json), fetched once per page and shared by everyone who asks.
// The lab and the widgets each make one loader with their own idea of where the files are.
// No DOM here; `fetch` is injectable for tests.

// url(id) → where preset `id` lives; error(id, res, url) → the Error to throw when it is missing.
export function presetLoader(url, { fetch: get = (u) => globalThis.fetch(u), error } = {}) {
  const cache = new Map();
  const failure = error ?? ((id, res) => new Error(`preset ${id} could not be loaded (HTTP ${res.status})`));
  return function load(id) {
    if (!cache.has(id)) {
      const where = url(id);
      const p = Promise.resolve(get(where)).then(async (res) => {
        if (!res.ok) throw failure(id, res, where);
        return res.json();
      });
      cache.set(id, p);
      p.catch(() => cache.delete(id)); // a failed fetch may be tried again
    }
    return cache.get(id);
  };
}
