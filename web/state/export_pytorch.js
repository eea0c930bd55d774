// A run's spec → an equivalent, self-contained PyTorch script (model, penalties, optimizer,
// augmentation, schedule, early stopping), reading the data the lab exports as CSV
// (columns x0 … x{d-1}, then `label` or `y`, then `split`). Pure: spec in, text out.
//
// The script follows RegLab's conventions: L2 penalty (λ/2)·ΣW², L1 λ·Σ|W| (optionally the
// proximal soft-threshold step), penalties and weight decay on weight matrices only, BatchNorm
// momentum = weight of the new batch (PyTorch's meaning), inverted dropout. The initial weights
// come from PyTorch's generator, so the curves match RegLab's in shape, not digit for digit.
// Sequence models (model.kind "transformer", "gru") are written as modules whose state_dict names
// are the engine's own (run.weights()), so `--weights weights.json` loads a lab run's weights and
// prints their validation logits instead of training (sequenceModel below).

const py = (v) => {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? "float('inf')" : "float('-inf')";
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(py).join(', ')}]`;
  return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${py(x)}`).join(', ')}}`;
};

const ACTIVATIONS = {
  relu: 'nn.ReLU()', leaky_relu: 'nn.LeakyReLU(0.01)', tanh: 'nn.Tanh()', sigmoid: 'nn.Sigmoid()',
  gelu: 'nn.GELU()', gelu_tanh: "nn.GELU(approximate='tanh')", identity: 'nn.Identity()',
};

// The spectral-norm field is {iterations} in specs (null/false/absent = off); older or boolean
// forms are accepted too.
export function spectralIterations(reg) {
  const sn = reg?.spectralNorm;
  if (!sn) return 0;
  if (sn === true) return reg.spectralIterations ?? 1;
  if (typeof sn === 'object') return sn.enabled === false ? 0 : sn.iterations ?? 1;
  return 0;
}

// info: {task: 'classification'|'regression', classes, features, imageH, imageW, dataFile}
export function exportPytorch(spec, info = {}) {
  const s = spec ?? {};
  const model = s.model ?? {}, loss = s.loss ?? {}, reg = s.regularization ?? {}, opt = s.optimizer ?? {};
  const aug = s.augment ?? {}, img = aug.image ?? {}, train = s.training ?? {};
  const es = train.earlyStopping ?? {}, sched = train.lrSchedule ?? {};
  const hidden = model.hidden ?? [64, 64];
  const dropout = Array.isArray(model.dropout) ? model.dropout : hidden.map(() => model.dropout ?? 0);
  const task = info.task ?? (['sine'].includes(s.data?.kind) ? 'regression' : 'classification');
  const classes = info.classes ?? 2;
  let lossKind = loss.kind ?? 'auto';
  if (lossKind === 'auto') lossKind = task === 'regression' ? 'mse' : 'softmax_ce';
  const outputs = lossKind === 'softmax_ce' ? classes : 1;
  const snIters = spectralIterations(reg);
  const esOn = es.enabled ?? (s.training?.earlyStopping ? true : false);
  const mixupAlpha = aug.mixup?.alpha ?? aug.mixupAlpha ?? 0;
  const cutmixAlpha = aug.cutmix?.alpha ?? aug.cutmixAlpha ?? 0;
  const imageAug = ['shift', 'rotate', 'scale', 'brightness', 'contrast', 'noise', 'blur', 'cutout'].some((k) => img[k] > 0) || img.flip === true;
  const hw = info.imageH && info.imageW ? [info.imageH, info.imageW] : null;
  const layerPenalties = (reg.layers ?? []).map((l) => [l?.l1 ?? null, l?.l2 ?? null]);
  const decoupled = opt.kind === 'adamw' || opt.decoupled === true;
  const wd = opt.weightDecay ?? 0;

  const L = [];
  const w = (line = '') => L.push(line);
  w('#!/usr/bin/env python3');
  w(`"""RegLab run exported as a PyTorch script${s.name ? `: ${String(s.name).replace(/"""/g, '')}` : ''}.`);
  w('');
  w('Data: the CSV the lab exported next to this script (the same train/validation split and');
  w('preprocessing RegLab used). Run: python3 this_script.py [data.csv]');
  w('"""');
  w('import csv, copy, math, sys');
  w('import torch');
  w('import torch.nn as nn');
  w('import torch.nn.functional as F');
  w('');
  w(`SPEC = ${py(s)}`);
  w(`DATA_FILE = sys.argv[1] if len(sys.argv) > 1 else ${py(info.dataFile ?? 'reglab_data.csv')}`);
  w(`TASK = ${py(task)}`);
  w(`IMAGE_HW = ${hw ? `(${hw[0]}, ${hw[1]})` : 'None'}`);
  w('');
  w(`torch.manual_seed(${s.seed ?? 1})`);
  w('');
  w('');
  w('def load(path):');
  w('    with open(path, newline="") as f:');
  w('        rows = list(csv.reader(f))');
  w('    header, rows = rows[0], rows[1:]');
  w('    target = header.index("label") if "label" in header else header.index("y")');
  w('    split = header.index("split")');
  w('    feats = [i for i, h in enumerate(header) if h.startswith("x")]');
  w('    out = {}');
  w('    for name in ("train", "val", "test"):');
  w('        part = [r for r in rows if r[split] == name]');
  w('        if not part:');
  w('            continue');
  w('        x = torch.tensor([[float(r[i]) for i in feats] for r in part], dtype=torch.float32)');
  w('        if TASK == "classification":');
  w('            y = torch.tensor([int(float(r[target])) for r in part], dtype=torch.long)');
  w('        else:');
  w('            y = torch.tensor([[float(r[target])] for r in part], dtype=torch.float32)');
  w('        out[name] = (x, y)');
  w('    return out');
  w('');
  w('');
  w('data = load(DATA_FILE)');
  w('x_train, y_train = data["train"]');
  w('x_val, y_val = data["val"]');
  w(`NUM_CLASSES = ${task === 'classification' ? `max(${classes}, int(y_train.max()) + 1)` : 1}`);
  w('');
  w('');
  w('def dense(n_in, n_out):');
  w('    layer = nn.Linear(n_in, n_out)');
  const init = model.init ?? 'auto';
  const he = init === 'he' || (init === 'auto' && ['relu', 'leaky_relu', 'gelu', 'gelu_tanh', undefined].includes(model.activation));
  w(he ? "    nn.init.kaiming_normal_(layer.weight, nonlinearity='relu')" : '    nn.init.xavier_normal_(layer.weight)');
  w('    nn.init.zeros_(layer.bias)');
  if (snIters > 0) {
    w(`    # spectral normalization: W / σ(W), σ by ${snIters} power iteration(s) per step, persistent u`);
    w(`    layer = nn.utils.parametrizations.spectral_norm(layer, n_power_iterations=${snIters})`);
  }
  w('    return layer');
  w('');
  w('');
  const cnn = model.kind === 'cnn' && hw && info.imageC;
  if (cnn) {
    w('def conv(n_in, n_out, kernel, stride, padding):');
    w('    layer = nn.Conv2d(n_in, n_out, kernel, stride=stride, padding=padding)');
    w(he ? "    nn.init.kaiming_normal_(layer.weight, nonlinearity='relu')" : '    nn.init.xavier_normal_(layer.weight)');
    w('    nn.init.zeros_(layer.bias)');
    if (snIters > 0) w(`    layer = nn.utils.parametrizations.spectral_norm(layer, n_power_iterations=${snIters})`);
    w('    return layer');
    w('');
    w('');
  }
  const norm = model.norm ?? 'none';
  const normLayer = (n) => norm === 'batch'
    ? `nn.BatchNorm1d(${n}, eps=${model.normEps ?? 1e-5}, momentum=${model.normMomentum ?? 0.1})`
    : `nn.LayerNorm(${n}, eps=${model.normEps ?? 1e-5})`;
  const seq = model.kind === 'transformer' || model.kind === 'gru';
  if (seq) sequenceModel(w, model, outputs);
  else {
  w('def build_model(n_in):');
  w('    layers = []');
  if ((model.inputDropout ?? 0) > 0) w(`    layers.append(nn.Dropout(${model.inputDropout}))`);
  w('    width = n_in');
  if (cnn) {
    // Rows are images, channel-major (x.flatten(1) of N×C×H×W): unflatten, the conv blocks, flatten.
    let [c, h, wd] = [info.imageC, hw[0], hw[1]];
    w(`    layers.append(nn.Unflatten(1, (${c}, ${h}, ${wd})))`);
    for (const block of model.conv ?? []) {
      const b = typeof block === 'number' ? { filters: block } : block;
      const k = b.kernel ?? 3, st = b.stride ?? 1, f = b.filters ?? 16, pool = b.pool ?? 2;
      const padding = b.padding ?? 'same';
      let oh = Math.floor((h - k) / st) + 1, ow = Math.floor((wd - k) / st) + 1;
      if (padding === 'same') {
        // RegLab's 'same': out = ceil(size/stride), the odd zero at the bottom/right (TensorFlow's rule).
        oh = Math.ceil(h / st);
        ow = Math.ceil(wd / st);
        const ph = Math.max((oh - 1) * st + k - h, 0), pw = Math.max((ow - 1) * st + k - wd, 0);
        if (ph % 2 || pw % 2) {
          w(`    layers.append(nn.ZeroPad2d((${pw >> 1}, ${pw - (pw >> 1)}, ${ph >> 1}, ${ph - (ph >> 1)})))`);
          w(`    layers.append(conv(${c}, ${f}, ${k}, ${st}, 0))`);
        } else {
          w(`    layers.append(conv(${c}, ${f}, ${k}, ${st}, (${ph / 2}, ${pw / 2})))`);
        }
      } else {
        w(`    layers.append(conv(${c}, ${f}, ${k}, ${st}, 0))`);
      }
      [c, h, wd] = [f, oh, ow];
      if (norm === 'batch') w(`    layers.append(nn.BatchNorm2d(${f}, eps=${model.normEps ?? 1e-5}, momentum=${model.normMomentum ?? 0.1}))`);
      else if (norm === 'layer') w(`    layers.append(nn.LayerNorm([${f}, ${h}, ${wd}], eps=${model.normEps ?? 1e-5}))`);
      w(`    layers.append(${ACTIVATIONS[model.activation ?? 'relu'] ?? 'nn.ReLU()'})`);
      if (pool > 1) {
        w(`    layers.append(nn.${(b.poolKind ?? 'max') === 'avg' ? 'AvgPool2d' : 'MaxPool2d'}(${pool}))`);
        h = Math.floor((h - pool) / pool) + 1;
        wd = Math.floor((wd - pool) / pool) + 1;
      }
      if ((model.convDropout ?? 0) > 0) w(`    layers.append(nn.Dropout2d(${model.convDropout}))`);
    }
    w('    layers.append(nn.Flatten())');
    w(`    width = ${c * h * wd}`);
  }
  hidden.forEach((h, i) => {
    w(`    layers.append(dense(width, ${h}))`);
    if (norm !== 'none' && (model.normPlacement ?? 'pre') === 'pre') w(`    layers.append(${normLayer(h)})`);
    w(`    layers.append(${ACTIVATIONS[model.activation ?? 'relu'] ?? 'nn.ReLU()'})`);
    if (norm !== 'none' && model.normPlacement === 'post') w(`    layers.append(${normLayer(h)})`);
    if ((dropout[i] ?? 0) > 0) w(`    layers.append(nn.Dropout(${dropout[i]}))`);
    w(`    width = ${h}`);
  });
  w(`    layers.append(dense(width, ${outputs === 1 ? 1 : 'NUM_CLASSES'}))`);
  w('    return nn.Sequential(*layers)');
  w('');
  w('');
  w('model = build_model(x_train.shape[1])');
  w('linears = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]  # weight layers, in model order');
  w('');
  w('');
  w('def weight_of(layer):');
  w('    # the trainable matrix (under spectral norm: the unnormalized original)');
  w('    p = getattr(layer, "parametrizations", None)');
  w('    return p.weight.original if p is not None else layer.weight');
  w('');
  w('');
  w('weights = [weight_of(m) for m in linears]');
  }
  w('others = [p for p in model.parameters() if all(p is not q for q in weights)]');
  w('');
  // optimizer
  const groups = `[{"params": weights, "weight_decay": ${decoupled ? 0 : wd}}, {"params": others, "weight_decay": 0.0}]`;
  const kind = opt.kind ?? 'adam';
  const lr = opt.lr ?? 0.01;
  if (kind === 'sgd') w(`optimizer = torch.optim.SGD(${groups}, lr=${lr})`);
  else if (kind === 'momentum') w(`optimizer = torch.optim.SGD(${groups}, lr=${lr}, momentum=${opt.momentum ?? 0.9})`);
  else if (kind === 'nesterov') w(`optimizer = torch.optim.SGD(${groups}, lr=${lr}, momentum=${opt.momentum ?? 0.9}, nesterov=True)`);
  else if (kind === 'adamw') w(`optimizer = torch.optim.AdamW([{"params": weights, "weight_decay": ${wd}}, {"params": others, "weight_decay": 0.0}], lr=${lr}, betas=(${opt.beta1 ?? 0.9}, ${opt.beta2 ?? 0.999}), eps=${opt.eps ?? 1e-8})`);
  else w(`optimizer = torch.optim.Adam(${groups}, lr=${lr}, betas=(${opt.beta1 ?? 0.9}, ${opt.beta2 ?? 0.999}), eps=${opt.eps ?? 1e-8})`);
  w(`DECOUPLED_DECAY = ${kind !== 'adamw' && decoupled && wd > 0 ? wd : 0.0}  # SGDW-style decay applied by hand`);
  w('');
  w(`L1, L2 = ${reg.l1 ?? 0}, ${reg.l2 ?? 0}`);
  w(`L1_PROXIMAL = ${py((reg.l1Mode ?? 'subgradient') === 'proximal')}`);
  w(`LAYER_PENALTIES = ${py(layerPenalties)}  # per-layer (l1, l2) overrides; None = inherit`);
  w(`CLIP_NORM, CLIP_VALUE = ${reg.clipNorm || 0}, ${reg.clipValue || 0}`);
  w(`LABEL_SMOOTHING = ${loss.labelSmoothing ?? 0}`);
  w(`INPUT_NOISE = ${aug.noise ?? 0}`);
  w(`MIXUP_ALPHA, CUTMIX_ALPHA, MIX_PROB = ${mixupAlpha}, ${cutmixAlpha}, ${aug.mixProbability ?? 1}`);
  w(`IMAGE_AUG = ${py(imageAug ? img : null)}`);
  const textAug = Object.entries(aug.text ?? {}).filter(([, v]) => v > 0);
  if (textAug.length) w(`# RegLab's text augmentation ${py(Object.fromEntries(textAug))} works on the words through its shipped word tables; it is not exported: this script trains without it.`);
  w(`EPOCHS, BATCH_SIZE, SHUFFLE = ${train.epochs ?? 300}, ${train.batchSize ?? 32}, ${py(train.shuffle ?? true)}`);
  w(`EARLY_STOPPING = ${esOn ? py({ patience: es.patience ?? 20, minDelta: es.minDelta ?? 0, monitor: es.monitor ?? 'val_loss', restoreBest: es.restoreBest ?? true }) : 'None'}`);
  w(`SCHEDULE = ${py({ kind: sched.kind ?? 'constant', stepSize: sched.stepSize ?? 100, gamma: sched.gamma ?? 0.5, minLr: sched.minLr ?? 0, warmup: sched.warmup ?? 0 })}`);
  w(`LR = ${lr}`);
  w(`LOSS = ${py(lossKind)}`);
  w('');
  w('');
  w('def lr_at(epoch):  # epoch counts from 0');
  w('    if SCHEDULE["warmup"] and epoch < SCHEDULE["warmup"]:');
  w('        return LR * (epoch + 1) / SCHEDULE["warmup"]');
  w('    if SCHEDULE["kind"] == "step":');
  w('        return LR * SCHEDULE["gamma"] ** (epoch // SCHEDULE["stepSize"])');
  w('    if SCHEDULE["kind"] == "cosine":');
  w('        t = epoch / max(1, EPOCHS - 1)');
  w('        return SCHEDULE["minLr"] + 0.5 * (LR - SCHEDULE["minLr"]) * (1 + math.cos(math.pi * t))');
  w('    return LR');
  w('');
  w('');
  w('def targets(y):');
  w('    """Labels → (soft) targets, label smoothing included: (1-ε)·onehot + ε/K."""');
  w('    if LOSS == "softmax_ce":');
  w('        t = F.one_hot(y, NUM_CLASSES).float()');
  w('        return t * (1 - LABEL_SMOOTHING) + LABEL_SMOOTHING / NUM_CLASSES');
  w('    if LOSS == "bce_logits":');
  w('        t = y.float().view(-1, 1)');
  w('        return t * (1 - LABEL_SMOOTHING) + LABEL_SMOOTHING / 2');
  w('    return y');
  w('');
  w('');
  w('def data_loss(out, t):');
  w('    if LOSS == "softmax_ce":');
  w('        return -(t * F.log_softmax(out, dim=1)).sum(dim=1).mean()');
  w('    if LOSS == "bce_logits":');
  w('        return F.binary_cross_entropy_with_logits(out, t)');
  w('    return F.mse_loss(out, t)');
  w('');
  w('');
  w('def penalty():');
  w('    """λ1·Σ|W| + (λ2/2)·ΣW² over weight matrices (biases and norm parameters excluded)."""');
  w('    total = 0.0');
  w('    for i, W in enumerate(weights):');
  w('        l1, l2 = LAYER_PENALTIES[i] if i < len(LAYER_PENALTIES) else (None, None)');
  w('        l1 = L1 if l1 is None else l1');
  w('        l2 = L2 if l2 is None else l2');
  w('        if l1 and not L1_PROXIMAL:');
  w('            total = total + l1 * W.abs().sum()');
  w('        if l2:');
  w('            total = total + 0.5 * l2 * (W * W).sum()');
  w('    return total');
  w('');
  w('');
  w('def augment_images(x):');
  w('    """Random affine (shift, rotation, zoom), flip, brightness/contrast, noise, blur, cutout."""');
  w('    a, (h, w) = IMAGE_AUG, IMAGE_HW');
  w('    n = x.shape[0]');
  w('    img = x.view(n, 1, h, w)');
  w('    lo, hi = float(x_train.min()), float(x_train.max())');
  w('    span = hi - lo if hi > lo else 1.0');
  w('    keep = torch.rand(n) >= a.get("probability", 1.0)');
  w('    ang = (torch.rand(n) * 2 - 1) * math.radians(a.get("rotate", 0))');
  w('    zoom = 1 + (torch.rand(n) * 2 - 1) * a.get("scale", 0)');
  w('    shift = a.get("shift", 0)');
  w('    tx = torch.randint(-int(shift), int(shift) + 1, (n,)).float() * 2 / w');
  w('    ty = torch.randint(-int(shift), int(shift) + 1, (n,)).float() * 2 / h');
  w('    flip = torch.where(torch.rand(n) < 0.5, -1.0, 1.0) if a.get("flip") else torch.ones(n)');
  w('    cos, sin = torch.cos(ang) / zoom, torch.sin(ang) / zoom');
  w('    theta = torch.stack([torch.stack([cos * flip, -sin, tx], 1), torch.stack([sin * flip, cos, ty], 1)], 1)');
  w('    grid = F.affine_grid(theta, img.shape, align_corners=False)');
  w('    out = F.grid_sample(img - lo, grid, align_corners=False, padding_mode="zeros") + lo');
  w('    if a.get("brightness", 0):');
  w('        out = out + ((torch.rand(n) * 2 - 1) * a["brightness"] * span).view(n, 1, 1, 1)');
  w('    if a.get("contrast", 0):');
  w('        c = (1 + (torch.rand(n) * 2 - 1) * a["contrast"]).view(n, 1, 1, 1)');
  w('        m = out.mean(dim=(2, 3), keepdim=True)');
  w('        out = (out - m) * c + m');
  w('    if a.get("noise", 0):');
  w('        out = out + torch.randn_like(out) * a["noise"] * span');
  w('    if a.get("blur", 0):');
  w('        blurred = F.avg_pool2d(F.pad(out, (1, 1, 1, 1), mode="replicate"), 3, stride=1)');
  w('        pick = (torch.rand(n) < a["blur"]).view(n, 1, 1, 1)');
  w('        out = torch.where(pick, blurred, out)');
  w('    if a.get("cutout", 0):');
  w('        s = int(a["cutout"])');
  w('        for i in range(n):');
  w('            r, c = int(torch.randint(0, h, (1,))), int(torch.randint(0, w, (1,)))');
  w('            out[i, :, max(0, r - s // 2):r - s // 2 + s, max(0, c - s // 2):c - s // 2 + s] = lo');
  w('    out = torch.where(keep.view(n, 1, 1, 1), img, out)');
  w('    return out.view(n, -1)');
  w('');
  w('');
  w('def mix(x, t):');
  w('    """Mixup (any data) or CutMix (images): blend inputs and soft targets, λ ~ Beta(α, α)."""');
  w('    if torch.rand(1).item() >= MIX_PROB:');
  w('        return x, t');
  w('    perm = torch.randperm(x.shape[0])');
  w('    use_cutmix = CUTMIX_ALPHA > 0 and IMAGE_HW is not None and (MIXUP_ALPHA <= 0 or torch.rand(1).item() < 0.5)');
  w('    if use_cutmix:');
  w('        lam = torch.distributions.Beta(CUTMIX_ALPHA, CUTMIX_ALPHA).sample().item()');
  w('        h, w = IMAGE_HW');
  w('        rh, rw = int(h * math.sqrt(1 - lam)), int(w * math.sqrt(1 - lam))');
  w('        cy, cx = int(torch.randint(0, h, (1,))), int(torch.randint(0, w, (1,)))');
  w('        y0, y1 = max(0, cy - rh // 2), min(h, cy + rh // 2)');
  w('        x0, x1 = max(0, cx - rw // 2), min(w, cx + rw // 2)');
  w('        img = x.view(-1, h, w).clone()');
  w('        img[:, y0:y1, x0:x1] = img[perm][:, y0:y1, x0:x1]');
  w('        lam = 1 - (y1 - y0) * (x1 - x0) / (h * w)  # λ adjusted to the pasted area');
  w('        return img.view(x.shape), lam * t + (1 - lam) * t[perm]');
  w('    if MIXUP_ALPHA > 0:');
  w('        lam = torch.distributions.Beta(MIXUP_ALPHA, MIXUP_ALPHA).sample().item()');
  w('        return lam * x + (1 - lam) * x[perm], lam * t + (1 - lam) * t[perm]');
  w('    return x, t');
  w('');
  w('');
  w('@torch.no_grad()');
  w('def evaluate(x, y):');
  w('    model.eval()');
  w('    out = model(x)');
  w('    loss = data_loss(out, targets(y) if LOSS != "mse" else y).item()');
  w('    acc = None');
  w('    if TASK == "classification":');
  w('        pred = out.argmax(dim=1) if LOSS == "softmax_ce" else (out.view(-1) > 0).long()');
  w('        acc = (pred == y).float().mean().item()');
  w('    return loss, acc');
  w('');
  w('');
  w('best, best_epoch, best_state, waited = None, 0, None, 0');
  w('for epoch in range(EPOCHS):');
  w('    for g in optimizer.param_groups:');
  w('        g["lr"] = lr_at(epoch)');
  w('    lr = lr_at(epoch)');
  w('    model.train()');
  w('    order = torch.randperm(len(x_train)) if SHUFFLE else torch.arange(len(x_train))');
  w('    for start in range(0, len(order), BATCH_SIZE):');
  w('        idx = order[start:start + BATCH_SIZE]');
  w('        xb, tb = x_train[idx], targets(y_train[idx])');
  w('        if IMAGE_AUG is not None and IMAGE_HW is not None:');
  w('            xb = augment_images(xb)');
  w('        if INPUT_NOISE:');
  w('            xb = xb + INPUT_NOISE * torch.randn_like(xb)');
  w('        if (MIXUP_ALPHA > 0 or CUTMIX_ALPHA > 0) and LOSS != "mse":');
  w('            xb, tb = mix(xb, tb)');
  w('        loss = data_loss(model(xb), tb) + penalty()');
  w('        optimizer.zero_grad()');
  w('        loss.backward()');
  w('        params = [p for p in model.parameters() if p.grad is not None]');
  w('        if CLIP_VALUE:');
  w('            torch.nn.utils.clip_grad_value_(params, CLIP_VALUE)');
  w('        if CLIP_NORM:');
  w('            torch.nn.utils.clip_grad_norm_(params, CLIP_NORM)');
  w('        if DECOUPLED_DECAY:');
  w('            with torch.no_grad():');
  w('                for W in weights:');
  w('                    W.mul_(1 - lr * DECOUPLED_DECAY)');
  w('        optimizer.step()');
  w('        if L1 and L1_PROXIMAL:  # soft threshold: exact zeros');
  w('            with torch.no_grad():');
  w('                for W in weights:');
  w('                    W.copy_(torch.sign(W) * torch.clamp(W.abs() - lr * L1, min=0))');
  w('    train_loss, train_acc = evaluate(x_train, y_train)');
  w('    val_loss, val_acc = evaluate(x_val, y_val)');
  w('    if not math.isfinite(train_loss):');
  w('        print(f"epoch {epoch + 1}: diverged (training loss is {train_loss})")');
  w('        break');
  w('    print(f"epoch {epoch + 1:4d}  train loss {train_loss:.4f}  val loss {val_loss:.4f}"');
  w('          + (f"  train acc {train_acc:.3f}  val acc {val_acc:.3f}" if val_acc is not None else ""))');
  w('    if EARLY_STOPPING is not None:');
  w('        value = val_loss if EARLY_STOPPING["monitor"] == "val_loss" else -val_acc');
  w('        if best is None or value < best - EARLY_STOPPING["minDelta"]:');
  w('            best, best_epoch, waited = value, epoch + 1, 0');
  w('            best_state = copy.deepcopy(model.state_dict())');
  w('        else:');
  w('            waited += 1');
  w('            if waited >= EARLY_STOPPING["patience"]:');
  w('                print(f"early stopping at epoch {epoch + 1}; best epoch {best_epoch}")');
  w('                break');
  w('');
  w('if EARLY_STOPPING is not None and EARLY_STOPPING["restoreBest"] and best_state is not None:');
  w('    model.load_state_dict(best_state)');
  w('print("final validation loss %.4f" % evaluate(x_val, y_val)[0])');
  return L.join('\n') + '\n';
}

// The data CSV the script reads: features, target, split.
export function dataCsv(splits) {
  const first = splits.train;
  const header = [];
  for (let j = 0; j < first.features; j++) header.push(`x${j}`);
  header.push(first.labels ? 'label' : 'y', 'split');
  const lines = [header.join(',')];
  for (const [name, d] of Object.entries(splits)) {
    if (!d || !d.rows) continue;
    for (let i = 0; i < d.rows; i++) {
      const row = [];
      for (let j = 0; j < d.features; j++) row.push(+d.x[i * d.features + j].toPrecision(7));
      row.push(d.labels ? d.labels[i] : +d.y[i].toPrecision(7), name);
      lines.push(row.join(','));
    }
  }
  return lines.join('\n') + '\n';
}

// The SequenceClassifier module both kinds share: the token embedding first in __init__ and the
// classifier (width → head) last, forward from the token ids, and weight_matrices ending with the
// classifier's weight; `init`, `forward` and `weights` are the kind's own lines, at method-body depth.
function classifierModule(w, { embed, head, width, init, forward, weights }) {
  const body = (lines) => lines.forEach((line) => w(`        ${line}`));
  w('class SequenceClassifier(nn.Module):');
  w('    def __init__(self, vocabulary):');
  w('        super().__init__()');
  w(`        self.embed = nn.Embedding(vocabulary, ${embed}, padding_idx=0)`);
  body(init);
  w(`        self.classifier = nn.Linear(${width}, ${head})`);
  w('');
  w('    def forward(self, x):');
  w('        ids = x.long()');
  body(forward);
  w('');
  w('    def weight_matrices(self):  # the penalty groups, in the engine\'s order');
  body(weights);
  w('        return out + [self.classifier.weight]');
}

// The sequence classifiers (cpp/src/train/sequence_model.h), with the engine's parameter names:
//   transformer: embed, pos_embed → encoder.layers[i] (self_attn = nn.MultiheadAttention's
//     in_proj_weight/in_proj_bias/out_proj, linear1, linear2, norm1, norm2; pre- or post-norm;
//     LayerNorm, masked BatchNorm over batch × positions, or none) → masked mean pooling → classifier;
//   gru: embed → gru (weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k} as nn.GRU; the
//     layer-normalized variant's ln_ih_l{k}/ln_hh_l{k}; batch norm norm_l{k}) run step by step with
//     the state carried through padding → the state after the last real token → classifier.
// Each batch is cut to its longest sequence, as the engine does (it matters only to batch norm
// with the padding included). The attention of an all-padding sequence is 0 (out_proj's bias) and
// its pooled vector 0, as in the engine (torch's own attention would give NaN there).
// Spectral normalization is not written for these models.
function sequenceModel(w, model, outputs) {
  const transformer = model.kind === 'transformer';
  const norm = model.norm ?? 'none';
  const eps = model.normEps ?? 1e-5, momentum = model.normMomentum ?? 0.1;
  const hidden = model.hidden ?? [64, 64];
  const embed = model.embed ?? 32;
  const rate = Array.isArray(model.dropout) ? model.dropout[0] ?? 0 : model.dropout ?? 0;
  const gruDrop = hidden.map((_, i) => (Array.isArray(model.dropout) ? model.dropout[i] ?? 0 : model.dropout ?? 0));
  const head = outputs === 1 ? 1 : 'NUM_CLASSES';
  w(`NORM, NORM_FIRST, BN_PADDING = ${py(norm)}, ${py((model.normPlacement ?? 'pre') === 'pre')}, ${py(model.batchNormPadding ?? 'masked')}`);
  w(`MAX_LENGTH = ${model.maxLength ?? 32}`);
  w('');
  w('');
  w('class MaskedBatchNorm(nn.Module):');
  w('    """BatchNorm over (batch × positions): statistics over the real tokens (BN_PADDING "masked")');
  w('    or over every position up to the batch\'s longest sequence ("included"); running averages as');
  w('    nn.BatchNorm1d (unbiased variance, momentum = weight of the new batch)."""');
  w('');
  w('    def __init__(self, n):');
  w('        super().__init__()');
  w('        self.weight = nn.Parameter(torch.ones(n))');
  w('        self.bias = nn.Parameter(torch.zeros(n))');
  w('        self.register_buffer("running_mean", torch.zeros(n))');
  w('        self.register_buffer("running_var", torch.ones(n))');
  w('');
  w('    def forward(self, x, mask):  # x: B × T × n, mask: B × T (True = real token)');
  w('        if self.training:');
  w('            rows = x[mask] if BN_PADDING == "masked" else x.reshape(-1, x.shape[-1])');
  w('            mean, var = rows.mean(0), rows.var(0, unbiased=False)');
  w('            with torch.no_grad():');
  w('                k = rows.shape[0]');
  w(`                self.running_mean.mul_(1 - ${momentum}).add_(${momentum} * mean)`);
  w(`                self.running_var.mul_(1 - ${momentum}).add_(${momentum} * var * k / max(k - 1, 1))`);
  w('        else:');
  w('            mean, var = self.running_mean, self.running_var');
  w(`        return (x - mean) / torch.sqrt(var + ${eps}) * self.weight + self.bias`);
  w('');
  w('');
  w('def make_norm(n, eps):');
  w('    return nn.LayerNorm(n, eps=eps) if NORM == "layer" else MaskedBatchNorm(n) if NORM == "batch" else None');
  w('');
  w('');
  w('def apply_norm(norm, x, mask):');
  w('    return x if norm is None else norm(x, mask) if isinstance(norm, MaskedBatchNorm) else norm(x)');
  w('');
  w('');
  w('def longest(ids):  # the batch is cut to its longest sequence (at least one position)');
  w('    real = (ids != 0).any(0).nonzero()');
  w('    return int(real.max()) + 1 if len(real) else 1');
  w('');
  w('');
  if (transformer) {
    const act = model.activation === 'gelu' ? 'F.gelu' : 'F.relu';
    w('class EncoderBlock(nn.Module):');
    w('    """nn.TransformerEncoderLayer(batch_first=True) with a choice of norm and three dropout rates."""');
    w('');
    w('    def __init__(self, d, heads, ffn):');
    w('        super().__init__()');
    w('        self.self_attn = nn.MultiheadAttention(d, heads, batch_first=True)');
    w('        self.linear1, self.linear2 = nn.Linear(d, ffn), nn.Linear(ffn, d)');
    w(`        self.norm1, self.norm2 = make_norm(d, ${eps}), make_norm(d, ${eps})`);
    w(`        self.heads, self.p_attn, self.p = heads, ${model.attentionDropout ?? 0}, ${rate}`);
    w('');
    w('    def attend(self, x, mask):  # multi-head self-attention with the padding mask on the keys');
    w('        B, T, D = x.shape');
    w('        h = self.heads');
    w('        q, k, v = F.linear(x, self.self_attn.in_proj_weight, self.self_attn.in_proj_bias).chunk(3, dim=-1)');
    w('        q, k, v = (t.reshape(B, T, h, D // h).transpose(1, 2) for t in (q, k, v))');
    w('        scores = (q @ k.transpose(-1, -2) / math.sqrt(D // h)).masked_fill(~mask[:, None, None, :], float("-inf"))');
    w('        att = torch.nan_to_num(torch.softmax(scores, dim=-1), nan=0.0)  # all-padding rows: 0');
    w('        att = F.dropout(att, self.p_attn, self.training)');
    w('        return self.self_attn.out_proj((att @ v).transpose(1, 2).reshape(B, T, D))');
    w('');
    w('    def mlp(self, x):');
    w(`        return self.linear2(F.dropout(${act}(self.linear1(x)), self.p, self.training))`);
    w('');
    w('    def forward(self, x, mask):');
    w('        drop = lambda t: F.dropout(t, self.p, self.training)');
    w('        if NORM_FIRST:');
    w('            x = x + drop(self.attend(apply_norm(self.norm1, x, mask), mask))');
    w('            return x + drop(self.mlp(apply_norm(self.norm2, x, mask)))');
    w('        x = apply_norm(self.norm1, x + drop(self.attend(x, mask)), mask)');
    w('        return apply_norm(self.norm2, x + drop(self.mlp(x)), mask)');
    w('');
    w('');
    w('class Encoder(nn.Module):');
    w('    def __init__(self, blocks):');
    w('        super().__init__()');
    w('        self.layers = nn.ModuleList(blocks)');
    w('');
    w('');
    classifierModule(w, {
      embed, head, width: embed,
      init: [
        `self.pos_embed = nn.Embedding(MAX_LENGTH, ${embed})`,
        `self.encoder = Encoder([EncoderBlock(${embed}, ${model.heads ?? 2}, ${model.ffn ?? 64}) for _ in range(${model.blocks ?? 1})])`,
      ],
      forward: [
        'T = longest(ids)',
        'ids = ids[:, :T]',
        'mask = ids != 0',
        `h = F.dropout(self.embed(ids) + self.pos_embed.weight[:T], ${model.inputDropout ?? 0}, self.training)`,
        'for block in self.encoder.layers:',
        '    h = block(h, mask)',
        'm = mask.unsqueeze(-1).to(h.dtype)',
        'return self.classifier((h * m).sum(1) / m.sum(1).clamp(min=1))  # masked mean pooling',
      ],
      weights: [
        'out = [self.embed.weight, self.pos_embed.weight]',
        'for b in self.encoder.layers:',
        '    out += [b.self_attn.in_proj_weight, b.self_attn.out_proj.weight, b.linear1.weight, b.linear2.weight]',
      ],
    });
  } else {
    w('class GRU(nn.Module):');
    w('    """nn.GRU\'s gate equations (gates r, z, n), one layer after another, the state carried through');
    w('    padding. NORM "layer": each layer\'s input and recurrent pre-activations layer-normalized');
    w('    (Ba et al. 2016); "batch": masked batch norm of each layer\'s outputs (in the classifier)."""');
    w('');
    w('    def __init__(self, sizes):');
    w('        super().__init__()');
    w('        self.sizes = sizes');
    w('        for k, (n_in, H) in enumerate(zip(sizes[:-1], sizes[1:])):');
    w('            bound = 1 / math.sqrt(H)');
    w('            for name, shape in ((f"weight_ih_l{k}", (3 * H, n_in)), (f"weight_hh_l{k}", (3 * H, H)), (f"bias_ih_l{k}", (3 * H,)), (f"bias_hh_l{k}", (3 * H,))):');
    w('                setattr(self, name, nn.Parameter(torch.empty(shape).uniform_(-bound, bound)))');
    w('            if NORM == "layer":');
    w('                setattr(self, f"ln_ih_l{k}", nn.LayerNorm(3 * H, eps=1e-5))');
    w('                setattr(self, f"ln_hh_l{k}", nn.LayerNorm(3 * H, eps=1e-5))');
    w('            if NORM == "batch":');
    w('                setattr(self, f"norm_l{k}", MaskedBatchNorm(H))');
    w('');
    w('    def layer(self, k, x, mask):');
    w('        W_ih, W_hh = getattr(self, f"weight_ih_l{k}"), getattr(self, f"weight_hh_l{k}")');
    w('        gi_all = F.linear(x, W_ih, getattr(self, f"bias_ih_l{k}"))');
    w('        h = x.new_zeros(x.shape[0], self.sizes[k + 1])');
    w('        out = []');
    w('        for t in range(x.shape[1]):');
    w('            gi, gh = gi_all[:, t], F.linear(h, W_hh, getattr(self, f"bias_hh_l{k}"))');
    w('            if NORM == "layer":');
    w('                gi, gh = getattr(self, f"ln_ih_l{k}")(gi), getattr(self, f"ln_hh_l{k}")(gh)');
    w('            i_r, i_z, i_n = gi.chunk(3, dim=1)');
    w('            h_r, h_z, h_n = gh.chunk(3, dim=1)');
    w('            r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)');
    w('            n = torch.tanh(i_n + r * h_n)');
    w('            h = torch.where(mask[:, t:t + 1], (1 - z) * n + z * h, h)  # padding: state unchanged');
    w('            out.append(h)');
    w('        return torch.stack(out, 1)');
    w('');
    w('');
    classifierModule(w, {
      embed, head, width: hidden.at(-1),
      init: [`self.gru = GRU(${py([embed, ...hidden])})`],
      forward: [
        'ids = ids[:, :longest(ids)]',
        'mask = ids != 0',
        `h = F.dropout(self.embed(ids), ${model.inputDropout ?? 0}, self.training)`,
        `for k, p in enumerate(${py(gruDrop)}):`,
        '    h = self.gru.layer(k, h, mask)',
        '    if NORM == "batch":',
        '        h = getattr(self.gru, f"norm_l{k}")(h, mask)',
        '    h = F.dropout(h, p, self.training)',
        'return self.classifier(h[:, -1])  # the state after each sequence\'s last real token',
      ],
      weights: [
        'out = [self.embed.weight]',
        'for k in range(len(self.gru.sizes) - 1):',
        '    out += [getattr(self.gru, f"weight_ih_l{k}"), getattr(self.gru, f"weight_hh_l{k}")]',
      ],
    });
  }
  w('');
  w('');
  w('# Vocabulary: the token ids in the data (0 = padding, 1 = unknown word), one embedding row each.');
  w('vocabulary = int(max(x_train.max(), x_val.max())) + 1');
  w('saved = None');
  w('if "--weights" in sys.argv:  # a RegLab run\'s weights (run.weights() as JSON): evaluate them, no training');
  w('    import json');
  w('    with open(sys.argv[sys.argv.index("--weights") + 1]) as f:');
  w('        saved = {t["name"]: torch.tensor(t["data"], dtype=torch.float32) for t in json.load(f)}');
  w('    vocabulary = saved["embed.weight"].numel() // ' + embed);
  w('model = SequenceClassifier(vocabulary)');
  w('weights = model.weight_matrices()');
  w('if saved is not None:');
  w('    state = model.state_dict()');
  w('    missing = [k for k in state if k not in saved]');
  w('    if missing:');
  w('        sys.exit(f"--weights: no tensor for {missing}")');
  w('    model.load_state_dict({k: saved[k].reshape(state[k].shape) for k in state})');
  w('    model.eval()');
  w('    with torch.no_grad():');
  w('        logits = model(x_val)');
  w('    print(json.dumps({"logits": logits.tolist()}))');
  w('    sys.exit(0)');
}
