#!/usr/bin/env node
// Reference runner for ONNX models: pushes every input record of IN.raw through ONNX Runtime
// (npm onnxruntime-node, CPU) and writes the raw output bytes to OUT.raw.
//
//   node onnx-run.js MODEL.onnx float32|int8 H,W,C IN.raw OUT.raw
//
// The model has one input "input" of shape [1,H,W,C] and one output "output"; a record is the
// input tensor's bytes. One process runs all records, so thousands of inferences cost one start-up.
'use strict';

const fs = require('fs');
const path = require('path');

function fail(message) {
  process.stderr.write(`onnx-run: ${message}\n`);
  process.exit(1);
}

function nodeModulesDir() {
  if (process.env.DIGITLOCK_NODE_MODULES) return process.env.DIGITLOCK_NODE_MODULES;
  return path.resolve(__dirname, '..', '..', '.cache', 'npm', 'node_modules');
}

const TYPES = { float32: Float32Array, int8: Int8Array };

async function main(argv) {
  if (argv.length !== 5) fail('usage: node onnx-run.js MODEL.onnx float32|int8 H,W,C IN.raw OUT.raw');
  const [modelPath, typeName, dimsText, inPath, outPath] = argv;
  const Typed = TYPES[typeName];
  if (!Typed) fail(`input type ${typeName}: expected float32 or int8`);
  for (const f of [modelPath, inPath]) if (!fs.existsSync(f)) fail(`${f}: no such file`);
  const pkg = path.join(nodeModulesDir(), 'onnxruntime-node');
  if (!fs.existsSync(pkg)) fail(`onnxruntime-node is not installed under ${nodeModulesDir()}`);
  const ort = require(pkg);

  const dims = [1, ...dimsText.split(',').map(Number)];
  const count = dims.reduce((a, b) => a * b, 1);
  const session = await ort.InferenceSession.create(fs.readFileSync(modelPath), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });

  const raw = fs.readFileSync(inPath);
  const recordBytes = count * Typed.BYTES_PER_ELEMENT;
  if (raw.length % recordBytes !== 0) fail(`${inPath}: ${raw.length} bytes is not a multiple of ${recordBytes}`);
  const records = raw.length / recordBytes;
  const chunks = [];
  for (let r = 0; r < records; r++) {
    const data = new Typed(count);
    new Uint8Array(data.buffer).set(raw.subarray(r * recordBytes, (r + 1) * recordBytes));
    const result = await session.run({ input: new ort.Tensor(typeName, data, dims) });
    const out = result.output.data;
    chunks.push(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  }
  fs.writeFileSync(outPath, Buffer.concat(chunks));
  process.stderr.write(`onnx-run: ${records} records\n`);
}

main(process.argv.slice(2)).catch((e) => fail(e && e.stack ? e.stack : String(e)));
