// Types for the RegLab JS API (web/engine/reglab.js; `import { createEngine } from 'reglab'`);
// the experiment spec and the records a run returns come from types/spec.gen.d.ts.

// The spec and record types are generated from engine.describe() (node tools/spec-gen.mjs).
import type { Spec, EpochRecord, DataKind } from './spec.gen.js';
export * from './spec.gen.js';

export type StopReason = 'max_epochs' | 'early_stopping' | 'diverged' | null;
export type Split = 'train' | 'val' | 'test';

export interface SplitData {
  x: Float32Array;
  rows: number;
  features: number;
  labels: Int32Array | null;
  y: Float32Array | null;
  numClasses: number;
  imageH: number;
  imageW: number;
}

export interface WeightTensor {
  /** e.g. 'dense1.W' */
  name: string;
  /** [out, in] for weights, [1, n] for biases */
  shape: number[];
  data: Float32Array;
}

export interface FieldDescription {
  path: string;
  type: string;
  default?: unknown;
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  choices?: string[];
  label?: string;
  help?: string;
  group?: string;
  /** run.update() may change it between epochs */
  midRun: boolean;
  /** the runs of a lesson share it (data, seed, budget) */
  shared: boolean;
  /** slider range narrower than the engine's, log scale, the lab's data panel */
  ui?: { min?: number; max?: number; log?: boolean; panel?: 'data' };
}

export interface RecordFieldDescription {
  name: string;
  type: 'integer' | 'metric' | 'millis' | 'boolean' | 'flag' | 'metrics';
  nullable: boolean;
  help: string;
}

export interface TechniqueDescription {
  id: string;
  name: string;
  lesson: string;
  fields: string[];
  summary: string;
}

export interface BiasVarianceRow {
  capacity: number;
  hidden: number[];
  bias2: number;
  variance: number;
  noise: number;
  total: number;
  testMse: number;
  trainMse: number;
}

export interface AugmentedImages {
  h: number;
  w: number;
  count: number;
  originals: Float32Array;
  images: Float32Array;
  /** soft targets (count × numClasses) when mixup / CutMix blend labels */
  targets: Float32Array;
  numClasses: number;
  labels: Int32Array;
}

/** An engine error; `path` names the spec field ('' when it concerns the whole call). */
export class ReglabError extends Error {
  constructor(path: string, message: string);
  readonly path: string;
  readonly reason: string;
}

export interface Run {
  /** the canonical spec, defaults filled */
  spec: Required<Spec>;
  readonly inputs: number;
  readonly outputs: number;
  step(epochs?: number): EpochRecord[];
  history(): EpochRecord[];
  readonly done: boolean;
  readonly stopReason: StopReason;
  readonly epoch: number;
  readonly bestEpoch: number;
  predict(x: Float32Array | ArrayLike<number>, rows?: number, options?: { mode?: 'eval' | 'train' }): Float32Array;
  mcPredict(x: Float32Array | ArrayLike<number>, rows?: number, passes?: number): { mean: Float32Array; variance: Float32Array };
  evaluate(split?: Split): { loss: number; acc: number | null };
  weights(): WeightTensor[];
  setWeights(list: WeightTensor[]): void;
  data(split?: Split): SplitData;
  /** change lr / penalties / dropout / clipping mid-run */
  update(partial: Spec): void;
  dispose(): void;
}

export interface Engine {
  readonly version: string;
  readonly simd: boolean;
  describe(): {
    version: number;
    fields: FieldDescription[];
    lists: FieldDescription[];
    limits: Record<string, number>;
    techniques: TechniqueDescription[];
    records: RecordFieldDescription[];
  };
  validate(spec: Spec | string): Required<Spec>;
  datasets(): Record<'digits' | 'wine' | 'breast_cancer' | 'sentiment', boolean>;
  loadData(specOrKind: Spec | DataKind): Promise<void>;
  registerData(kind: string, text: string): void;
  createRun(spec: Spec | string): Run;
  augmentText(sentence: string, op: 'synonym' | 'insert' | 'swap' | 'delete' | 'back_translate', strength?: number, seed?: number): string;
  augmentImages(spec: Spec | string, count?: number, seed?: number): AugmentedImages;
  biasVariance(spec: Spec | string, options?: { K?: number; capacities?: number[][] }): BiasVarianceRow[];
  heapBytes(): number;
}

/** The engine modules: 'full' trains every model kind; 'core' (reglab-core.wasm, a smaller download)
 * trains the mlp and refuses a cnn or a sequence model with an error naming model.kind, and has no
 * word tables: synonym replacement, random insertion and back-translation (augment.text.synonym,
 * .insert, .backTranslate; augmentText 'synonym', 'insert', 'back_translate') throw naming the field. */
export type EngineModule = 'core' | 'full';
export const ENGINE_MODULES: { readonly core: 'reglab-core'; readonly full: 'reglab' };
/** The smallest engine module that trains `spec` (a spec without model.kind is an MLP; one whose
 * text augmentation needs the word tables goes to 'full'). */
export function engineFor(spec: Spec | string | undefined): EngineModule;
/** The URL of `engine`'s file (ext '.wasm' or '.mjs') beside `url` (e.g. …/engine/reglab.wasm). */
export function engineFile(url: string | URL, engine: EngineModule, ext?: string): string;

export interface EngineOptions {
  /** which module to load (default 'full'); engineFor(spec) says which a spec needs */
  engine?: EngineModule;
  /** URL of the module's .mjs glue (overrides engine; default: next to reglab.js, or build/wasm/ in a source checkout) */
  moduleUrl?: string | URL;
  /** folder with digits.csv, wine.csv, … (default: ../data/ next to the engine) */
  dataUrl?: string | URL;
  /** the module's .wasm already compiled (e.g. once by a page and posted to its workers): instantiated instead of fetched */
  wasmModule?: WebAssembly.Module;
}

export interface FetchProgress {
  loaded: number;
  /** bytes expected; null when unknown (a compressed response without expectedBytes) */
  total: number | null;
}

/** Fetches a binary data file with progress; in Node a file: URL is read from disk. */
export function fetchBinary(
  url: string | URL,
  options?: { onProgress?: (progress: FetchProgress) => void; expectedBytes?: number; fetch?: typeof fetch },
): Promise<Uint8Array>;

export function createEngine(options?: EngineOptions): Promise<Engine>;
export default createEngine;
