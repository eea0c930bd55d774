#!/usr/bin/python3
"""The C1/C2 networks of bench/workloads.mjs in PyTorch on the CPU, one thread: a native reference
for "close to the machine's limit" (issue 15). PyTorch's CPU convolutions (oneDNN/MKL-DNN, AVX2 and
FMA here) are what a practitioner would train this net with natively.

An epoch is timed as RegLab's is: the training steps (shuffled batches, Adam), then one forward pass
in evaluation mode over the training and the validation images (RegLab's epoch measures train and
validation loss that way). Random inputs: the time of these kernels does not depend on the values.

    python3 bench/torch_cnn.py '{"C1": {"conv": [8, 16], "hidden": [64], "batchNorm": false, "dropout": 0,
                                 "batchSize": 64, "lr": 0.002, "trainRows": 2000, "valRows": 500}}' [repeats]
prints {"C1": {"trainMs": …, "evalMs": …, "epochMs": …, "torch": "1.13…"}} (CPU-time medians).
"""
import json
import sys
import time

import torch
import torch.nn as nn


def network(w):
    layers, channels, size = [], 1, 28
    for filters in w["conv"]:
        layers += [nn.Conv2d(channels, filters, 3, padding=1)]
        layers += [nn.BatchNorm2d(filters)] if w["batchNorm"] else []
        layers += [nn.ReLU(), nn.MaxPool2d(2)]
        channels, size = filters, size // 2
    layers.append(nn.Flatten())
    width = channels * size * size
    for units in w["hidden"]:
        layers.append(nn.Linear(width, units))
        layers += [nn.BatchNorm1d(units)] if w["batchNorm"] else []
        layers.append(nn.ReLU())
        width = units
    layers += [nn.Dropout(w["dropout"])] if w["dropout"] else []
    layers.append(nn.Linear(width, 10))
    return nn.Sequential(*layers)


def epoch_times(w, repeats):
    torch.manual_seed(0)
    x = torch.randn(w["trainRows"], 1, 28, 28)
    y = torch.randint(0, 10, (w["trainRows"],))
    val = torch.randn(w["valRows"], 1, 28, 28)
    net = network(w)
    opt = torch.optim.Adam(net.parameters(), lr=w["lr"])
    loss_fn = nn.CrossEntropyLoss()
    train, evaluation = [], []
    for _ in range(repeats + 1):  # the first epoch is a warm-up
        t0 = time.process_time()
        net.train()
        order = torch.randperm(w["trainRows"])
        for i in range(0, w["trainRows"], w["batchSize"]):
            idx = order[i:i + w["batchSize"]]
            opt.zero_grad()
            loss_fn(net(x[idx]), y[idx]).backward()
            opt.step()
        t1 = time.process_time()
        net.eval()
        with torch.no_grad():
            for data in (x, val):
                for i in range(0, len(data), 256):
                    net(data[i:i + 256])
        t2 = time.process_time()
        train.append(t1 - t0)
        evaluation.append(t2 - t1)
    med = lambda xs: sorted(xs[1:])[len(xs[1:]) // 2] * 1000
    return {"trainMs": med(train), "evalMs": med(evaluation), "epochMs": med([a + b for a, b in zip(train, evaluation)]),
            "torch": torch.__version__, "threads": torch.get_num_threads()}


if __name__ == "__main__":
    torch.set_num_threads(1)  # RegLab trains each run on one thread (one Web Worker)
    specs = json.loads(sys.argv[1])
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    print(json.dumps({k: epoch_times(w, repeats) for k, w in specs.items()}))
