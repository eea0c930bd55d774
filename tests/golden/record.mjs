// Records tests/golden/histories-{native,wasm}.json from the current build (after ./build.sh):
//   node tests/golden/record.mjs          adds the runs of new presets, keeps every recorded one
//   node tests/golden/record.mjs --all    rewrites every run: only for an intended change of
//                                         behaviour, said so in the commit message
import { existsSync } from 'node:fs';
import { createEngine } from 'reglab';
import { goldenFile, nativeDigests, readGolden, wasmDigests, writeGolden } from './histories.mjs';

const all = process.argv.includes('--all');
const merge = (kind, fresh) => {
  const kept = !all && existsSync(goldenFile(kind)) ? readGolden(kind) : {};
  const added = Object.keys(fresh).filter((id) => !(id in kept));
  writeGolden(kind, Object.fromEntries(Object.keys(fresh).sort().map((id) => [id, kept[id] ?? fresh[id]])));
  console.log(`${kind}: ${added.length} runs recorded${all ? ' (all rewritten)' : ''}, ${Object.keys(fresh).length} in all`);
};
merge('native', await nativeDigests());
merge('wasm', await wasmDigests(await createEngine()));
