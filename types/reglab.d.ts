// Types for the RegLab JS API (web/engine/reglab.js; `import { createEngine } from 'reglab'`),
// the experiment spec (docs/spec.md; cpp/include/reglab/spec.h) and the records a run returns.
// Every spec field is optional: the engine fills the defaults (engine.validate(spec) shows them).

export type DataKind =
  | 'moons' | 'circles' | 'spiral' | 'xor' | 'gaussians' | 'sine' | 'inline' | 'csv'
  | 'digits' | 'wine' | 'breast_cancer' | 'sentiment';

export interface DataSpec {
  kind?: DataKind;
  /** samples to generate (synthetic kinds) */
  n?: number;
  noise?: number;
  labelFlip?: number;
  classes?: number;
  valFraction?: number;
  testFraction?: number;
  /** 0 = every remaining sample; otherwise keep this many training samples */
  trainSize?: number;
  /** −1 = follow the run's seed */
  seed?: number;
  standardize?: boolean;
  x?: number[][];
  y?: number[];
  task?: 'auto' | 'classification' | 'regression';
  csv?: string;
  labelColumn?: string;
  /**
   * Explicit validation rows (kind 'inline'; as wide as x) and their labels. When a validation
   * set is given, valFraction is not used: every training row trains (testFraction and trainSize
   * still act on the training rows), and valLoss/valAcc measure these rows.
   */
  valX?: number[][];
  valY?: number[];
  /** Explicit test rows (kind 'inline'); testFraction is then not used. */
  testX?: number[][];
  testY?: number[];
  /** Validation CSV text with the columns of csv (kind 'csv'); replaces valFraction. */
  valCsv?: string;
  /** Test CSV text with the columns of csv (kind 'csv'); replaces testFraction. */
  testCsv?: string;
}

export type Activation = 'relu' | 'leaky_relu' | 'tanh' | 'sigmoid' | 'gelu' | 'gelu_tanh' | 'identity';

export interface ModelSpec {
  hidden?: number[];
  activation?: Activation;
  init?: 'auto' | 'he' | 'xavier';
  inputDropout?: number;
  /** one drop probability for every hidden layer, or one per layer */
  dropout?: number | number[];
  norm?: 'none' | 'batch' | 'layer';
  normPlacement?: 'pre' | 'post';
  normMomentum?: number;
  normEps?: number;
}

export interface LossSpec {
  kind?: 'auto' | 'softmax_ce' | 'bce_logits' | 'mse';
  labelSmoothing?: number;
}

export interface RegularizationSpec {
  /** λ₁ Σ|W| */
  l1?: number;
  /** (λ₂/2) Σ W² — gradient λ₂ W */
  l2?: number;
  l1Mode?: 'subgradient' | 'proximal';
  layers?: Array<{ l1?: number | null; l2?: number | null }>;
  clipNorm?: number;
  clipValue?: number;
  spectralNorm?: boolean | { iterations?: number };
}

export interface OptimizerSpec {
  kind?: 'sgd' | 'momentum' | 'nesterov' | 'adam' | 'adamw';
  lr?: number;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
  decoupled?: boolean;
}

export interface ImageAugmentSpec {
  shift?: number; flip?: boolean; rotate?: number; scale?: number; brightness?: number;
  contrast?: number; noise?: number; blur?: number; cutout?: number; probability?: number;
}

export interface TextAugmentSpec {
  synonym?: number; insert?: number; swap?: number; delete?: number; backTranslate?: number;
}

export interface AugmentSpec {
  noise?: number;
  mixup?: boolean | { alpha?: number };
  cutmix?: boolean | { alpha?: number };
  mixProbability?: number;
  image?: ImageAugmentSpec;
  text?: TextAugmentSpec;
}

export interface TrainingSpec {
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  earlyStopping?: boolean | { patience?: number; minDelta?: number; monitor?: 'val_loss' | 'val_acc'; restoreBest?: boolean };
  lrSchedule?: { kind?: 'constant' | 'step' | 'cosine'; stepSize?: number; gamma?: number; minLr?: number; warmup?: number };
}

/** An experiment. `version` keeps a saved spec meaning the same experiment as the format grows. */
export interface Spec {
  version?: number;
  seed?: number;
  data?: DataSpec;
  model?: ModelSpec;
  loss?: LossSpec;
  regularization?: RegularizationSpec;
  optimizer?: OptimizerSpec;
  augment?: AugmentSpec;
  training?: TrainingSpec;
}

/** One epoch of training. */
export interface EpochRecord {
  /** 1-based */
  epoch: number;
  trainLoss: number;
  valLoss: number;
  /** null for regression */
  trainAcc: number | null;
  valAcc: number | null;
  penalty: number;
  weightNorm: number;
  gradNorm: number;
  gradNormPreClip: number;
  lr: number;
  zeroFraction: number;
  /** largest singular value per Dense layer */
  sigma: number[];
  /** ms since the run started */
  time: number;
  /** best monitored value so far */
  best: boolean;
  /** set on the first record after run.update() */
  changed?: boolean;
}

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
  choices?: string[];
  label?: string;
  help?: string;
  group?: string;
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
  describe(): { fields: FieldDescription[]; techniques: unknown[] };
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

export interface EngineOptions {
  /** URL of reglab.mjs (default: next to reglab.js, or build/wasm/ in a source checkout) */
  moduleUrl?: string | URL;
  /** folder with digits.csv, wine.csv, … (default: ../data/ next to the engine) */
  dataUrl?: string | URL;
  /** reglab.wasm already compiled (e.g. once by a page and posted to its workers): instantiated instead of fetched */
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
