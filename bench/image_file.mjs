// Reads a RegLab image file (data/fashion_mnist_*.bin; format in tools/data/extract_fashion_mnist.py
// and cpp/src/data/fashion_mnist.h) in JS, for peers that train outside the engine (TF.js in
// bench/run.mjs). The engine parses the same bytes itself (parse_image_file).
//   readImageFile(bytes) → { count, channels, height, width, classes, x: Float32Array (count·C·H·W,
//   pixels/255, channel-major), labels: Int32Array }
export function readImageFile(bytes, file = 'image file') {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8.length < 20) throw new Error(`${file}: ${u8.length} bytes, shorter than the 20-byte header`);
  if (String.fromCharCode(...u8.subarray(0, 4)) !== 'RLIM') throw new Error(`${file}: not a RegLab image file`);
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const [version, classes, channels, height, width] = [4, 6, 8, 10, 12].map((o) => view.getUint16(o, true));
  const count = view.getUint32(16, true);
  if (version !== 1) throw new Error(`${file}: version ${version}, expected 1`);
  const size = channels * height * width;
  if (u8.length !== 20 + count * (size + 1))
    throw new Error(`${file}: ${u8.length} bytes, its header needs exactly ${20 + count * (size + 1)}`);
  const x = new Float32Array(count * size);
  for (let i = 0; i < x.length; i++) x[i] = u8[20 + i] / 255;
  const labels = Int32Array.from(u8.subarray(20 + count * size));
  if (labels.some((l) => l >= classes)) throw new Error(`${file}: a label is ≥ ${classes} classes`);
  return { count, channels, height, width, classes, x, labels };
}
