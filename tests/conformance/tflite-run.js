#!/usr/bin/env node
// Reference runner: pushes every input record of IN.raw through the TensorFlow Lite runtime
// (WebAssembly build from @tensorflow/tfjs-tflite) and writes the raw output bytes to OUT.raw.
//
//   node tflite-run.js MODEL.tflite IN.raw OUT.raw
//
// A record is every input tensor's bytes back to back (in the model's input order); the
// output record is every output tensor's bytes back to back. All records run in this one
// process so thousands of inferences cost one runtime start-up.
'use strict';

const fs = require('fs');
const path = require('path');

const PACKAGE = '@tensorflow/tfjs-tflite';

function fail(message) {
  process.stderr.write(`tflite-run: ${message}\n`);
  process.exit(1);
}

function nodeModulesDir() {
  if (process.env.DIGITLOCK_NODE_MODULES) return process.env.DIGITLOCK_NODE_MODULES;
  return path.resolve(__dirname, '..', '..', '.cache', 'npm', 'node_modules');
}

function loadRuntimeFactory() {
  const wasmDir = path.join(nodeModulesDir(), PACKAGE, 'wasm');
  const js = path.join(wasmDir, 'tflite_web_api_cc_simd.js');
  const wasm = path.join(wasmDir, 'tflite_web_api_cc_simd.wasm');
  if (!fs.existsSync(js) || !fs.existsSync(wasm)) {
    fail(`${PACKAGE} is not installed under ${nodeModulesDir()}; run ./tests/setup`);
  }
  return { factory: require(js), wasmBinary: fs.readFileSync(wasm) };
}

// Minimal flatbuffer reading, only what the bias fix-up below needs. Every offset is
// bounds-checked so a malformed model is reported by the runtime, not by a crash here.
function tfliteView(bytes) {
  const inRange = (o, n) => Number.isInteger(o) && o >= 0 && o + n <= bytes.length;
  const u32 = (o) => (inRange(o, 4) ? bytes.readUInt32LE(o) : null);
  const i32 = (o) => (inRange(o, 4) ? bytes.readInt32LE(o) : null);
  const u16 = (o) => (inRange(o, 2) ? bytes.readUInt16LE(o) : null);
  const fieldPos = (table, index) => {
    const back = i32(table);
    if (back === null) return null;
    const vtable = table - back;
    const vlen = u16(vtable);
    if (vlen === null || 4 + 2 * index >= vlen) return null;
    const off = u16(vtable + 4 + 2 * index);
    return off ? table + off : null;
  };
  const table = (t, index) => {
    const p = fieldPos(t, index);
    const rel = p === null ? null : u32(p);
    return rel === null ? null : p + rel;
  };
  const vector = (t, index) => {
    const p = table(t, index);
    const n = p === null ? null : u32(p);
    return n === null || !inRange(p + 4, 4 * n) ? null : { length: n, at: (k) => p + 4 + 4 * k };
  };
  const indirect = (slot) => {
    const rel = u32(slot);
    return rel === null ? null : slot + rel;
  };
  return { u32, i32, fieldPos, table, vector, indirect };
}

// TFLite's converter has written 1-D bias tensors whose per-channel quantized_dimension is
// copied from the 4-D weights (e.g. 3 in tflite-micro's person_detect). TFLite-Micro ignores
// it; this runtime refuses the model ("quantized_dimension must be in range [0, 1)"). The only
// dimension of a 1-D tensor is 0, so rewriting the field to 0 leaves the model's meaning as is.
// Returns the indices of the tensors it rewrote.
function fixOneDimensionalQuantizedDimension(bytes) {
  const fb = tfliteView(bytes);
  const fixed = [];
  const root = fb.u32(0);
  if (root === null) return fixed;
  const subgraphs = fb.vector(root, 2);
  if (!subgraphs) return fixed;
  for (let g = 0; g < subgraphs.length; g++) {
    const subgraph = fb.indirect(subgraphs.at(g));
    const tensors = subgraph === null ? null : fb.vector(subgraph, 0);
    if (!tensors) continue;
    for (let t = 0; t < tensors.length; t++) {
      const tensor = fb.indirect(tensors.at(t));
      if (tensor === null) continue;
      const shape = fb.vector(tensor, 0);
      const quant = fb.table(tensor, 4);
      if (!shape || shape.length !== 1 || quant === null) continue;
      const qdimPos = fb.fieldPos(quant, 6);
      const qdim = qdimPos === null ? null : fb.i32(qdimPos);
      if (qdim !== null && qdim !== 0) {
        bytes.writeInt32LE(0, qdimPos);
        fixed.push(t);
      }
    }
  }
  return fixed;
}

function byteView(typed) {
  return new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
}

function toArray(vector) {
  const items = [];
  for (let i = 0; i < vector.size(); i++) items.push(vector.get(i));
  vector.delete();
  return items;
}

async function main(argv) {
  if (argv.length !== 3) fail('usage: node tflite-run.js MODEL.tflite IN.raw OUT.raw');
  const [modelPath, inPath, outPath] = argv;
  for (const f of [modelPath, inPath]) if (!fs.existsSync(f)) fail(`${f}: no such file`);

  const model = fs.readFileSync(modelPath);
  const fixed = fixOneDimensionalQuantizedDimension(model);
  if (fixed.length > 0) {
    process.stderr.write(`tflite-run: set quantized_dimension 0 on ${fixed.length} 1-D tensors (${fixed.join(',')})\n`);
  }

  const { factory, wasmBinary } = loadRuntimeFactory();
  // The runtime logs to stdout/stderr through these hooks; keep its chatter on stderr only
  // when something goes wrong, so callers can parse our output.
  const log = [];
  const module = await factory({ wasmBinary, print: (s) => log.push(s), printErr: (s) => log.push(s) });
  const modelPtr = module._malloc(model.length);
  module.HEAPU8.set(model, modelPtr);
  const created = module.TFLiteWebModelRunner.CreateFromBufferAndOptions(modelPtr, model.length, {
    numThreads: 1,
    enableProfiling: false,
    maxProfilingBufferEntries: 1024,
  });
  if (!created.ok()) {
    const detail = [created.errorMessage(), ...log].join(' | ').replace(/\s+/g, ' ');
    fail(`${modelPath}: the TFLite runtime refused the model: ${detail}`);
  }
  const runner = created.value();
  const inputs = toArray(runner.GetInputs());
  const outputs = toArray(runner.GetOutputs());
  const inBytes = inputs.map((t) => t.data().byteLength);
  const outBytes = outputs.map((t) => t.data().byteLength);
  const recordIn = inBytes.reduce((a, b) => a + b, 0);
  const recordOut = outBytes.reduce((a, b) => a + b, 0);

  const input = fs.readFileSync(inPath);
  if (recordIn === 0 || input.length % recordIn !== 0) {
    fail(`${inPath}: ${input.length} bytes is not a multiple of the model's ${recordIn} input bytes per record`);
  }
  const records = input.length / recordIn;
  const output = Buffer.alloc(records * recordOut);
  for (let r = 0; r < records; r++) {
    let at = r * recordIn;
    // data() is fetched per record because a grown wasm heap invalidates older views.
    inputs.forEach((t, i) => {
      byteView(t.data()).set(input.subarray(at, at + inBytes[i]));
      at += inBytes[i];
    });
    if (!runner.Infer()) fail(`record ${r}: Infer failed: ${log.join(' | ')}`);
    let out = r * recordOut;
    outputs.forEach((t, i) => {
      output.set(byteView(t.data()), out);
      out += outBytes[i];
    });
  }
  fs.writeFileSync(outPath, output);
  process.stderr.write(`tflite-run: ${records} records, ${recordIn} -> ${recordOut} bytes each\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => fail(e && e.stack ? e.stack : String(e)));
} else {
  module.exports = { fixOneDimensionalQuantizedDimension, loadRuntimeFactory };
}
