#!/usr/bin/python3
"""Extracts RegLab's Fashion-MNIST subset from Debian's dataset-fashion-mnist package.

    /usr/bin/python3 tools/data/extract_fashion_mnist.py          # writes data/fashion_mnist_{train,test}.bin
    /usr/bin/python3 tools/data/extract_fashion_mnist.py --check  # rebuilds in memory, compares byte for byte

Deterministic: the same source files give the same bytes (numpy's legacy RandomState stream is
frozen by NEP 19). The training pool comes from the package's 60,000 training images, the held-out
pool from its 10,000 test images (t10k), so the dataset's own train/test separation is kept.
Both pools are balanced: the same number of images of each class, drawn at random without
replacement. Rows are stored in rounds of one image per class (the class order shuffled within each
round), so any prefix of 10·k rows holds k images of every class.

File format (RegLab image file, "RLIM" version 1; all integers little-endian), parsed by
cpp/src/data/fashion_mnist.cpp:
    offset  size  field
         0     4  magic "RLIM"
         4     2  version = 1
         6     2  classes K
         8     2  channels C
        10     2  height H
        12     2  width W
        14     2  reserved = 0
        16     4  count N
        20   N·C·H·W  pixels, uint8 0–255, one image after another, each channel-major then
                  row-major (pixel (c, r, x) of image i at 20 + i·C·H·W + c·H·W + r·W + x)
         …     N  labels, uint8 < K
The file is exactly 20 + N·C·H·W + N bytes.
"""
import argparse
import gzip
import hashlib
import os
import struct
import sys

import numpy as np

SOURCE_DIR = '/usr/share/datasets/fashion-mnist'
SEED = 20170825  # the date of the Fashion-MNIST arXiv paper (1708.07747)
CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']
# Per class: 450 × 10 = 4,500 training and 200 × 10 = 2,000 held-out images; 6,500 images come to
# about 2.8 MB with gzip -9 and 2.4 MB with brotli (the budget is 3 MB compressed).
POOLS = [
    ('fashion_mnist_train.bin', 'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 450),
    ('fashion_mnist_test.bin', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz', 200),
]
MAGIC = b'RLIM'
VERSION = 1
HEADER = struct.Struct('<4sHHHHHHI')  # 20 bytes


def read_idx(path, expected_magic):
    """An IDX file (LeCun's MNIST format): big-endian magic, then dimensions, then uint8 data."""
    raw = gzip.open(path, 'rb').read()
    magic = struct.unpack('>I', raw[:4])[0]
    if magic != expected_magic:
        sys.exit(f'{path}: magic {magic:#x}, expected {expected_magic:#x}')
    dims = magic & 0xFF
    shape = struct.unpack('>' + 'I' * dims, raw[4:4 + 4 * dims])
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims)
    if data.size != int(np.prod(shape)):
        sys.exit(f'{path}: {data.size} bytes of data for shape {shape}')
    return data.reshape(shape)


def select(labels, per_class, rng):
    """Indices of a balanced random subset, ordered in rounds of one image per class."""
    chosen = [rng.permutation(np.flatnonzero(labels == k))[:per_class] for k in range(len(CLASSES))]
    rows = []
    for r in range(per_class):
        for k in rng.permutation(len(CLASSES)):
            rows.append(chosen[k][r])
    return np.array(rows, dtype=np.int64)


def encode(images, labels):
    n, h, w = images.shape
    header = HEADER.pack(MAGIC, VERSION, len(CLASSES), 1, h, w, 0, n)
    return header + images.astype(np.uint8).tobytes() + labels.astype(np.uint8).tobytes()


def build(source_dir):
    rng = np.random.RandomState(SEED)
    files = {}
    for name, image_file, label_file, per_class in POOLS:
        images = read_idx(os.path.join(source_dir, image_file), 0x00000803)
        labels = read_idx(os.path.join(source_dir, label_file), 0x00000801)
        if images.shape[0] != labels.shape[0] or images.shape[1:] != (28, 28):
            sys.exit(f'{image_file}: unexpected shape {images.shape} for {labels.shape[0]} labels')
        rows = select(labels, per_class, rng)
        files[name] = encode(images[rows], labels[rows])
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--source', default=SOURCE_DIR, help='folder of the IDX .gz files')
    parser.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', '..', 'data'))
    parser.add_argument('--check', action='store_true', help='compare with the files in --out instead of writing')
    args = parser.parse_args()
    files = build(args.source)
    failed = False
    for name, content in files.items():
        path = os.path.join(args.out, name)
        digest = hashlib.sha256(content).hexdigest()
        if args.check:
            shipped = open(path, 'rb').read() if os.path.exists(path) else None
            same = shipped == content
            failed |= not same
            print(f'{name}: {"identical" if same else "DIFFERS"} ({len(content)} bytes, sha256 {digest})')
        else:
            with open(path, 'wb') as f:
                f.write(content)
            print(f'{name}: {len(content)} bytes, sha256 {digest}')
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
