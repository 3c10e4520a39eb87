namespace DigitLock.Core.Inference
{
    /// <summary>
    /// Reads a .tflite file into a <see cref="PreparedModel"/>, with the C engine's checks
    /// (model.c) in the same order and with the same messages: every flatbuffer offset, every
    /// shape, type and quantization parameter, accumulator overflow, graph order. Weights are
    /// copied out, so the model bytes may be dropped after loading.
    /// </summary>
    public sealed class ModelLoader
    {
        public const int MaxTensors = 4096;
        public const int MaxOps = 1024;
        public const int MaxPlanItems = 192;

        private readonly Flatbuffer _fb;
        private FbVector _opcodes, _buffers, _tensorsV, _inputsV, _outputsV, _opsV, _metaV;
        private TensorDesc[] _tensors;
        private readonly ArenaPlanner _planner = new ArenaPlanner(MaxPlanItems);
        private int _parameterBytes;

        // per-op context (the C engine's opctx)
        private int _opIndex;
        private string _opName;
        private FbVector _ins, _outs;
        private FbTable _opt;
        private bool _hasOpt;
        private int _optType;

        private ModelLoader(byte[] model)
        {
            _fb = new Flatbuffer(model);
        }

        /// <summary>Validates and prepares a model; throws <see cref="ModelFormatException"/> naming the first fault.</summary>
        public static PreparedModel Load(byte[] model)
        {
            if (model == null)
                throw new ModelFormatException(ModelFault.Argument, "no model bytes");
            return new ModelLoader(model).Prepare();
        }

        private static ModelFormatException Error(ModelFault fault, string message)
        {
            return new ModelFormatException(fault, message);
        }

        /// <summary>
        /// The integer output stage shifts left by the multiplier's exponent; TFLite's kernels assume a rescale
        /// below 2^30, so a larger one (only a broken or hostile file has one) is refused, as the C engine does:
        /// channel by channel right after the accumulator check, computed in double the same way.
        /// </summary>
        private void CheckRescale(int channel, double real)
        {
            if (!(real < 1073741824.0))
                throw OpError(ModelFault.Quantization, "channel " + channel +
                    " rescale factor (input scale x weight scale / output scale) is 2^30 or more");
        }

                private ModelFormatException OpError(ModelFault fault, string message)
        {
            return new ModelFormatException(fault, "op " + _opIndex + " " + _opName + ": " + message);
        }

        private PreparedModel Prepare()
        {
            int len = _fb.Length;
            if (len < 8)
                throw Error(ModelFault.Truncated, "model truncated: " + len + " bytes is too short for a TFLite file");
            if (_fb.Byte(4) != 'T' || _fb.Byte(5) != 'F' || _fb.Byte(6) != 'L' || _fb.Byte(7) != '3')
                throw Error(ModelFault.Corrupt, "not a TFLite model: file identifier is not \"TFL3\"");
            FbTable root = _fb.Root("root table", 0);
            long version = _fb.U32(root, 0, 0, "version", 0);
            if (version != 3)
                throw Error(ModelFault.Version, "unsupported TFLite schema version " + version + " (expected 3)");
            _opcodes = _fb.Vector(root, 1, 4, "operator codes", 0);
            FbVector subgraphs = _fb.Vector(root, 2, 4, "subgraphs", 0);
            _buffers = _fb.Vector(root, 4, 4, "buffers", 0);
            _metaV = _fb.Vector(root, 6, 4, "metadata", 0);
            if (subgraphs.Count < 1)
                throw Error(ModelFault.Corrupt, "model corrupt: no subgraph");
            FbTable sg = _fb.VectorTable(subgraphs, 0, "subgraph", 0);
            _tensorsV = _fb.Vector(sg, 0, 4, "tensors of subgraph", 0);
            _inputsV = _fb.Vector(sg, 1, 4, "inputs of subgraph", 0);
            _outputsV = _fb.Vector(sg, 2, 4, "outputs of subgraph", 0);
            _opsV = _fb.Vector(sg, 3, 4, "operators of subgraph", 0);
            if (_tensorsV.Count > MaxTensors || _opsV.Count > MaxOps)
                throw Error(ModelFault.Limit, "model has " + _tensorsV.Count + " tensors and " + _opsV.Count +
                    " ops (limits " + MaxTensors + " and " + MaxOps + ")");
            if (_opsV.Count == 0 || _inputsV.Count == 0 || _outputsV.Count == 0)
                throw Error(ModelFault.Corrupt, "model corrupt: subgraph has no ops, inputs or outputs");

            int nTensors = _tensorsV.Count;
            _tensors = new TensorDesc[nTensors];
            for (int i = 0; i < nTensors; ++i)
                _tensors[i] = LoadTensor(i);

            // graph inputs are live from before the first op to the end so the caller's data
            // survives repeated runs; outputs stay live to the end
            int[] inputs = new int[_inputsV.Count];
            int[] outputs = new int[_outputsV.Count];
            for (int k = 0; k < inputs.Length + outputs.Length; ++k)
            {
                bool isInput = k < inputs.Length;
                int kk = isInput ? k : k - inputs.Length;
                int t = _fb.I32((isInput ? _inputsV.Data : _outputsV.Data) + 4 * kk);
                if (t < 0 || t >= nTensors)
                    throw Error(ModelFault.Corrupt, "model corrupt: subgraph " + (isInput ? "input " : "output ") + kk +
                        " is tensor " + t + " of " + nTensors);
                if (isInput)
                {
                    inputs[kk] = t;
                    if (_tensors[t].IsConstant)
                        throw Error(ModelFault.Corrupt, "model corrupt: input tensor " + t + " is a constant");
                    if (_planner.Find(t) < 0)
                        UseTensor(t, 0, true, "input");
                }
                else
                {
                    outputs[kk] = t;
                }
            }

            Layer[] layers = new Layer[_opsV.Count];
            for (int i = 0; i < layers.Length; ++i)
            {
                layers[i] = PrepareOp(i);
                string name = BuiltinNames.Of(layers[i].Builtin);
                UseTensor(layers[i].Input, i, false, name);
                UseTensor(layers[i].Output, i, true, name);
            }

            _planner.ExtendGraphIo(inputs, outputs, layers.Length);
            for (int k = 0; k < outputs.Length; ++k)
                if (_planner.Find(outputs[k]) < 0)
                    throw Error(ModelFault.Corrupt, "model corrupt: output tensor " + outputs[k] + " is never written");
            CheckMetadata();

            PreparedModel m = new PreparedModel();
            m.ArenaBytes = _planner.Plan();
            for (int i = 0; i < nTensors; ++i)
            {
                int item = _planner.Find(i);
                if (item >= 0)
                {
                    _tensors[i].PlanItem = item;
                    _tensors[i].ArenaOffset = _planner.Offset(item);
                }
            }

            for (int i = 0; i < layers.Length; ++i)
            {
                layers[i].InOffset = _tensors[layers[i].Input].ArenaOffset;
                layers[i].OutOffset = _tensors[layers[i].Output].ArenaOffset;
            }

            m.Tensors = _tensors;
            m.Layers = layers;
            m.Inputs = inputs;
            m.Outputs = outputs;
            m.ParameterBytes = _parameterBytes;
            return m;
        }

        // ---- tensors ----------------------------------------------------------------

        private static int ElementSize(int type)
        {
            switch (type)
            {
                case 0: case 2: return 4;
                case 1: case 7: return 2;
                case 4: case 10: return 8;
                case 3: case 6: case 9: return 1;
                default: return 0;
            }
        }

        private static string TypeName(int type)
        {
            switch (type)
            {
                case 0: return "FLOAT32";
                case 1: return "FLOAT16";
                case 2: return "INT32";
                case 3: return "UINT8";
                case 4: return "INT64";
                case 5: return "STRING";
                case 6: return "BOOL";
                case 7: return "INT16";
                case 9: return "INT8";
                case 10: return "FLOAT64";
                default: return "an unsupported type";
            }
        }

        private TensorDesc LoadTensor(int idx)
        {
            TensorDesc t = new TensorDesc();
            FbTable tt = _fb.VectorTable(_tensorsV, idx, "tensor", idx);
            FbVector shape = _fb.Vector(tt, 0, 4, "tensor shape of tensor", idx);
            int type = _fb.I8(tt, 1, 0, "tensor type of tensor", idx);
            long buf = _fb.U32(tt, 2, 0, "buffer index of tensor", idx);
            _fb.Vector(tt, 3, 1, "name of tensor", idx);
            bool hasQuant;
            FbTable qt = _fb.SubTable(tt, 4, out hasQuant, "quantization of tensor", idx);
            if (shape.Count > 4)
                throw Error(ModelFault.Limit, "tensor " + idx + " has " + shape.Count + " dimensions (the engine supports 4)");
            t.Type = type;
            t.Dims = shape.Count;
            long elems = 1;
            for (int i = 0; i < shape.Count; ++i)
            {
                int d = _fb.I32(shape.Data + 4 * i);
                if (d < 1)
                    throw Error(ModelFault.Shape, "tensor " + idx + " has invalid dimension " + d);
                t.Shape[i] = d;
                elems *= d;
                if (elems > (1 << 28))
                    throw Error(ModelFault.Limit, "tensor " + idx + " is too large");
            }

            t.Elements = (int)elems;
            int es = ElementSize(type);
            t.Bytes = (int)elems * (es != 0 ? es : 1);
            if (hasQuant)
            {
                FbVector scales = _fb.Vector(qt, 2, 4, "quantization scales of tensor", idx);
                FbVector zps = _fb.Vector(qt, 3, 8, "quantization zero points of tensor", idx);
                int qdim = _fb.I32(qt, 6, 0, "quantized dimension of tensor", idx);
                t.ScaleCount = scales.Count;
                t.ScalesPos = scales.Data;
                t.ZeroPointCount = zps.Count;
                t.ZeroPointsPos = zps.Data;
                t.QuantizedDimension = qdim;
                if (scales.Count > 0)
                    t.Scale = _fb.F32(scales.Data);
                if (zps.Count > 0)
                {
                    long z = _fb.I64(zps.Data);
                    if (z < -32768 || z > 65535)
                        throw Error(ModelFault.Quantization, "tensor " + idx + " has zero point " + z + " out of range");
                    t.ZeroPoint = (int)z;
                }
            }

            if (buf >= _buffers.Count)
                throw Error(ModelFault.Corrupt, "model corrupt: tensor " + idx + " refers to buffer " + buf + " of " + _buffers.Count);
            int b = (int)buf;
            FbTable bt = _fb.VectorTable(_buffers, b, "buffer", b);
            FbVector data = _fb.Vector(bt, 0, 1, "data of buffer", b);
            long off = _fb.U64(bt, 1, 0, "offset of buffer", b);
            long size = _fb.U64(bt, 2, 0, "size of buffer", b);
            long pos = -1;
            long n = 0;
            if (data.Count > 0)
            {
                pos = data.Data;
                n = data.Count;
            }
            else if (off < 0 || off > 1)
            {
                // large-model layout: bytes appended after the flatbuffer
                if (off < 0 || off > _fb.Length || size < 0 || size > _fb.Length - off)
                    throw Error(ModelFault.Truncated, "model truncated: buffer " + b + " data lies past the end of the file");
                pos = off;
                n = size;
            }

            if (n > 0)
            {
                t.IsConstant = true;
                t.DataPos = (int)pos;
                if (es != 0 && n != t.Bytes)
                    throw Error(ModelFault.Shape, "tensor " + idx + ": buffer holds " + n + " bytes but its shape needs " + t.Bytes);
            }

            return t;
        }

        private void CheckMetadata()
        {
            for (int k = 0; k < _metaV.Count; ++k)
            {
                FbTable mt = _fb.VectorTable(_metaV, k, "metadata entry", k);
                _fb.Vector(mt, 0, 1, "metadata name", k);
                long buf = _fb.U32(mt, 1, 0, "metadata buffer", k);
                if (buf >= _buffers.Count)
                    throw Error(ModelFault.Corrupt, "model corrupt: metadata " + k + " refers to buffer " + buf + " of " + _buffers.Count);
                FbTable bt = _fb.VectorTable(_buffers, (int)buf, "buffer", (int)buf);
                _fb.Vector(bt, 0, 1, "data of buffer", (int)buf);
            }
        }

        private void UseTensor(int t, int op, bool produce, string opName)
        {
            TensorDesc tt = _tensors[t];
            int k = _planner.Find(t);
            if (produce)
            {
                if (tt.IsConstant)
                    throw Error(ModelFault.Corrupt, "op " + op + " " + opName + ": writes constant tensor " + t);
                if (k >= 0 && _planner.First(k) <= op)
                    throw Error(ModelFault.Corrupt, "op " + op + " " + opName + ": tensor " + t + " is written twice");
            }
            else if (tt.IsConstant)
            {
                return;
            }
            else if (k < 0)
            {
                throw Error(ModelFault.Corrupt, "op " + op + " " + opName + ": reads tensor " + t + " before any op writes it");
            }

            if (k < 0)
            {
                k = _planner.Add(t, tt.Bytes, op);
                if (k < 0)
                    throw Error(ModelFault.Limit, "more than " + MaxPlanItems + " activation buffers");
            }

            _planner.Touch(k, op);
        }

        // ---- op helpers -------------------------------------------------------------------

        private int IoIndex(FbVector v, int k)
        {
            if (k >= v.Count)
                return -1;
            int t = _fb.I32(v.Data + 4 * k);
            if (t == -1)
                return -1;
            if (t < 0 || t >= _tensors.Length)
                throw OpError(ModelFault.Corrupt, "tensor index " + t + " out of range (" + _tensors.Length + " tensors)");
            return t;
        }

        private void NeedType(int idx, int want)
        {
            TensorDesc t = _tensors[idx];
            if (t.Type == want)
                return;
            if (t.Type == TensorDesc.TypeFloat32)
                throw OpError(ModelFault.UnsupportedType, "FLOAT32 tensors are not supported (tensor " + idx + ")");
            throw OpError(ModelFault.UnsupportedType, "tensor " + idx + " is " + TypeName(t.Type) + ", expected " + TypeName(want));
        }

        private static bool ValidScale(float s)
        {
            return s > 0.0f && s < 1e30f;
        }

        private void NeedQuant(int idx)
        {
            TensorDesc t = _tensors[idx];
            if (t.ScaleCount < 1 || !ValidScale(t.Scale))
                throw OpError(ModelFault.Quantization, "tensor " + idx + " has no valid quantization scale");
            int lo = t.Type == TensorDesc.TypeUInt8 ? 0 : -128;
            int hi = t.Type == TensorDesc.TypeUInt8 ? 255 : 127;
            if (t.ZeroPoint < lo || t.ZeroPoint > hi)
                throw OpError(ModelFault.Quantization, "tensor " + idx + " zero point " + t.ZeroPoint + " out of range");
        }

        private void NeedDims(int idx, int dims)
        {
            if (_tensors[idx].Dims != dims)
                throw OpError(ModelFault.Shape, "tensor " + idx + " has " + _tensors[idx].Dims + " dimensions, expected " + dims);
        }

        private void NeedWeightQuant(int idx, int channels, int qdim)
        {
            TensorDesc w = _tensors[idx];
            if (w.ScaleCount != 1 && w.ScaleCount != channels)
                throw OpError(ModelFault.Quantization, "weights tensor " + idx + " has " + w.ScaleCount + " scales for " + channels + " channels");
            if (w.ScaleCount > 1 && w.QuantizedDimension != qdim)
                throw OpError(ModelFault.Quantization, "weights tensor " + idx + " is quantized along dimension " + w.QuantizedDimension);
            for (int i = 0; i < w.ScaleCount; ++i)
                if (!ValidScale(_fb.F32(w.ScalesPos + 4 * i)))
                    throw OpError(ModelFault.Quantization, "weights tensor " + idx + " has an invalid scale");
            for (int i = 0; i < w.ZeroPointCount; ++i)
                if (_fb.I64(w.ZeroPointsPos + 8 * i) != 0)
                    throw OpError(ModelFault.Quantization, "weights tensor " + idx + " has a non-zero zero point (int8 weights must be symmetric)");
        }

        private void NeedConst(int idx, string what)
        {
            if (!_tensors[idx].IsConstant)
                throw OpError(ModelFault.UnsupportedOp, what + " tensor " + idx + " must be a constant");
        }

        private void NeedOptions(int type)
        {
            if (!_hasOpt || _optType != type)
                throw OpError(ModelFault.Corrupt, "missing or mismatched builtin options");
        }

        /// <summary>roundf for the activation bounds, saturating where the C cast would overflow.</summary>
        private static int RoundBound(float v)
        {
            if (v >= 2147483520.0f)
                return int.MaxValue - 256;
            if (v <= -2147483520.0f)
                return int.MinValue + 256;
            return QuantMath.RoundHalfAwayFromZero(v);
        }

        /// <summary>CalculateActivationRangeQuantized: q(f) = zp + round(f / scale) in float.</summary>
        private void ActivationRange(int act, TensorDesc output, out int lo, out int hi)
        {
            int qmin = output.Type == TensorDesc.TypeUInt8 ? 0 : -128;
            int qmax = output.Type == TensorDesc.TypeUInt8 ? 255 : 127;
            float s = output.Scale;
            lo = qmin;
            hi = qmax;
            switch (act)
            {
                case 0:
                    break;
                case 1:
                {
                    int z = output.ZeroPoint + RoundBound((float)(0.0f / s));
                    lo = z > qmin ? z : qmin;
                    break;
                }
                case 2:
                {
                    int a = output.ZeroPoint + RoundBound((float)(-1.0f / s));
                    int b = output.ZeroPoint + RoundBound((float)(1.0f / s));
                    lo = a > qmin ? a : qmin;
                    hi = b < qmax ? b : qmax;
                    break;
                }
                case 3:
                {
                    float q6 = (float)(6.0f / s);
                    int z = output.ZeroPoint + RoundBound((float)(0.0f / s));
                    int b = q6 > 1e6f ? qmax : output.ZeroPoint + RoundBound(q6);
                    lo = z > qmin ? z : qmin;
                    hi = b < qmax ? b : qmax;
                    break;
                }
                default:
                    throw OpError(ModelFault.UnsupportedOp, "fused activation " + act + " is not supported");
            }
        }

        private void OutSize(int padding, int input, int k, int stride, int dil, out int output, out int pad)
        {
            if (stride < 1 || dil < 1 || k < 1 || stride > 1024 || dil > 1024)
                throw OpError(ModelFault.Shape, "invalid stride/dilation/filter");
            long eff = (long)(k - 1) * dil + 1;
            long n;
            if (padding == 0)
                n = ((long)input + stride - 1) / stride;
            else if (padding == 1)
                n = ((long)input - eff + stride) / stride;
            else
                throw OpError(ModelFault.Corrupt, "unknown padding " + padding);
            if (n < 1)
                throw OpError(ModelFault.Shape, "filter larger than input");
            long p = ((n - 1) * stride + eff - input) / 2;
            if (p > input)
                throw OpError(ModelFault.Shape, "filter much larger than input");
            output = (int)n;
            pad = p > 0 ? (int)p : 0;
        }

        private void NeedOutShape(int idx, int n, int h, int w, int c)
        {
            TensorDesc t = _tensors[idx];
            if (t.Dims != 4 || t.Shape[0] != n || t.Shape[1] != h || t.Shape[2] != w || t.Shape[3] != c)
                throw OpError(ModelFault.Shape, "output tensor " + idx + " shape does not match [" + n + "," + h + "," + w + "," + c + "]");
        }

        /// <summary>Refuses channels whose int32 accumulator could overflow (|weight*(x+offset)| &lt;= 128*255 per tap).</summary>
        private void CheckAccumulatorRange(int ch, long bias, long biasZp, long depth)
        {
            long worst = depth * 128 * 255;
            long b = bias < 0 ? -bias : bias;
            long bz = biasZp < 0 ? -biasZp : biasZp;
            if (b + worst >= int.MaxValue || bz + worst >= int.MaxValue)
                throw OpError(ModelFault.Limit, "channel " + ch + " could overflow the 32-bit accumulator");
        }

        private sbyte[] CopyWeights(TensorDesc w)
        {
            sbyte[] copy = new sbyte[w.Bytes];
            for (int i = 0; i < copy.Length; ++i)
                copy[i] = (sbyte)_fb.Byte(w.DataPos + i);
            _parameterBytes += copy.Length;
            return copy;
        }

        private int[] ReadBias(int ib, int channels)
        {
            int[] bias = new int[channels];
            if (ib >= 0)
                for (int ch = 0; ch < channels; ++ch)
                    bias[ch] = _fb.I32(_tensors[ib].DataPos + 4 * ch);
            _parameterBytes += 4 * channels;
            return bias;
        }

        // ---- ops ----------------------------------------------------------------------------

        private Layer PrepareOp(int i)
        {
            _opIndex = i;
            _opName = "";
            FbTable ot = _fb.VectorTable(_opsV, i, "operator", i);
            long opcode = _fb.U32(ot, 0, 0, "opcode index of op", i);
            if (opcode >= _opcodes.Count)
                throw Error(ModelFault.Corrupt, "model corrupt: op " + i + " uses opcode " + opcode + " of " + _opcodes.Count);
            FbTable ct = _fb.VectorTable(_opcodes, (int)opcode, "operator code", (int)opcode);
            int dep = _fb.I8(ct, 0, 0, "operator code", (int)opcode);
            int code = _fb.I32(ct, 3, 0, "operator code", (int)opcode);
            // TFLite takes the larger of the legacy byte and the 32-bit field
            if (dep > code)
                code = dep;
            _opName = BuiltinNames.Of(code);
            _ins = _fb.Vector(ot, 1, 4, "inputs of op", i);
            _outs = _fb.Vector(ot, 2, 4, "outputs of op", i);
            _optType = _fb.U8(ot, 3, 0, "options of op", i);
            _opt = _fb.SubTable(ot, 4, out _hasOpt, "options of op", i);
            if (_outs.Count < 1)
                throw OpError(ModelFault.Corrupt, "no output");
            switch (code)
            {
                case BuiltinNames.Conv2D: return PrepareConv(code, false);
                case BuiltinNames.DepthwiseConv2D: return PrepareConv(code, true);
                case BuiltinNames.FullyConnected: return PrepareFullyConnected(code);
                case BuiltinNames.MaxPool2D: return PreparePool(code, false);
                case BuiltinNames.AveragePool2D: return PreparePool(code, true);
                case BuiltinNames.Softmax: return PrepareSoftmax(code);
                case BuiltinNames.Reshape:
                case BuiltinNames.Quantize:
                case BuiltinNames.Dequantize:
                    return PrepareUnary(code);
                case BuiltinNames.Custom:
                {
                    FbVector name = _fb.Vector(ct, 1, 1, "custom code of operator code", (int)opcode);
                    int n = name.Count > 40 ? 40 : name.Count;
                    char[] chars = new char[n];
                    for (int k = 0; k < n; ++k)
                        chars[k] = (char)_fb.Byte(name.Data + k);
                    throw Error(ModelFault.UnsupportedOp, "op " + i + " CUSTOM '" + new string(chars) + "' is not supported");
                }
                default:
                    throw Error(ModelFault.UnsupportedOp, "op " + i + " " + _opName + " is not supported");
            }
        }

        private Layer PrepareConv(int code, bool depthwise)
        {
            int iin = IoIndex(_ins, 0), iw = IoIndex(_ins, 1), ib = IoIndex(_ins, 2), iout = IoIndex(_outs, 0);
            if (iin < 0 || iw < 0 || iout < 0)
                throw OpError(ModelFault.Corrupt, "missing input, weights or output");
            TensorDesc input = _tensors[iin], w = _tensors[iw], output = _tensors[iout];
            TensorDesc bias = ib >= 0 ? _tensors[ib] : null;
            NeedType(iin, TensorDesc.TypeInt8);
            NeedType(iw, TensorDesc.TypeInt8);
            NeedType(iout, TensorDesc.TypeInt8);
            if (bias != null)
                NeedType(ib, TensorDesc.TypeInt32);
            NeedDims(iin, 4);
            NeedDims(iw, 4);
            NeedConst(iw, "weights");
            if (bias != null)
                NeedConst(ib, "bias");
            NeedQuant(iin);
            NeedQuant(iout);
            NeedOptions(depthwise ? 2 : 1);
            int padding, sw, sh, dw, dh, dm = 1, act;
            string what = "options of op";
            if (!depthwise)
            {
                padding = _fb.U8(_opt, 0, 0, what, _opIndex);
                sw = _fb.I32(_opt, 1, 0, what, _opIndex);
                sh = _fb.I32(_opt, 2, 0, what, _opIndex);
                act = _fb.I8(_opt, 3, 0, what, _opIndex);
                dw = _fb.I32(_opt, 4, 1, what, _opIndex);
                dh = _fb.I32(_opt, 5, 1, what, _opIndex);
            }
            else
            {
                padding = _fb.U8(_opt, 0, 0, what, _opIndex);
                sw = _fb.I32(_opt, 1, 0, what, _opIndex);
                sh = _fb.I32(_opt, 2, 0, what, _opIndex);
                dm = _fb.I32(_opt, 3, 0, what, _opIndex);
                act = _fb.I8(_opt, 4, 0, what, _opIndex);
                dw = _fb.I32(_opt, 5, 1, what, _opIndex);
                dh = _fb.I32(_opt, 6, 1, what, _opIndex);
            }

            ConvGeometry g = new ConvGeometry();
            g.Batches = input.Shape[0];
            g.InH = input.Shape[1];
            g.InW = input.Shape[2];
            g.InC = input.Shape[3];
            g.KH = w.Shape[1];
            g.KW = w.Shape[2];
            int oc;
            if (!depthwise)
            {
                oc = w.Shape[0];
                if (w.Shape[3] != g.InC)
                    throw OpError(ModelFault.Shape, "weights have " + w.Shape[3] + " input channels, input has " + g.InC);
            }
            else
            {
                oc = w.Shape[3];
                if (w.Shape[0] != 1 || oc % g.InC != 0)
                    throw OpError(ModelFault.Shape, "weights shape does not fit " + g.InC + " input channels");
                if (dm != 0 && dm != oc / g.InC)
                    throw OpError(ModelFault.Shape, "depth multiplier " + dm + " does not match weights");
                dm = oc / g.InC;
            }

            if (bias != null && bias.Elements != oc)
                throw OpError(ModelFault.Shape, "bias has " + bias.Elements + " entries for " + oc + " channels");
            NeedWeightQuant(iw, oc, depthwise ? 3 : 0);
            int oh, ow, ph, pw;
            OutSize(padding, g.InH, g.KH, sh, dh, out oh, out ph);
            OutSize(padding, g.InW, g.KW, sw, dw, out ow, out pw);
            NeedOutShape(iout, g.Batches, oh, ow, oc);
            g.OutH = oh;
            g.OutW = ow;
            g.OutC = oc;
            g.StrideH = sh;
            g.StrideW = sw;
            g.DilationH = dh;
            g.DilationW = dw;
            g.PadH = ph;
            g.PadW = pw;
            g.DepthMultiplier = dm;
            int inOffset = -input.ZeroPoint;
            int lo, hi;
            ActivationRange(act, output, out lo, out hi);

            int depth = g.KH * g.KW * (depthwise ? 1 : g.InC);
            int[] sums = new int[oc];
            for (int ch = 0; ch < oc; ++ch)
            {
                long bv = bias != null ? _fb.I32(bias.DataPos + 4 * ch) : 0;
                long sum = 0;
                for (int i = 0; i < depth; ++i)
                {
                    int pos = depthwise ? w.DataPos + i * oc + ch : w.DataPos + ch * depth + i;
                    sum += (sbyte)_fb.Byte(pos);
                }

                sums[ch] = (int)sum;
                CheckAccumulatorRange(ch, bv, bv + (long)inOffset * sum, depth);
                CheckRescale(ch, (double)input.Scale * _fb.F32(w.ScalesPos + 4 * (w.ScaleCount > 1 ? ch : 0)) / output.Scale);
            }

            ChannelRequantizer rq = BuildRequantizer(input, w, output, oc, lo, hi, true);
            sbyte[] weights = CopyWeights(w);
            int[] b = ReadBias(ib, oc);
            if (depthwise)
                return new DepthwiseConvLayer(code, iin, iout, g, weights, b, inOffset, rq);
            return new ConvLayer(code, iin, iout, g, weights, b, inOffset, rq);
        }

        /// <summary>
        /// Per-channel scales as the C engine computes them: the integer multiplier from the real
        /// scale in double (TFLite), the float scale in float (XNNPACK). Per-tensor fully connected
        /// layers take TFLite's float product of the input and weight scales first.
        /// </summary>
        private ChannelRequantizer BuildRequantizer(TensorDesc input, TensorDesc w, TensorDesc output, int channels,
            int lo, int hi, bool conv)
        {
            ChannelRequantizer rq = new ChannelRequantizer(channels, output.ZeroPoint, lo, hi);
            for (int ch = 0; ch < channels; ++ch)
            {
                double real;
                if (conv || w.ScaleCount > 1)
                {
                    float ws = _fb.F32(w.ScalesPos + 4 * (w.ScaleCount > 1 ? ch : 0));
                    real = (double)input.Scale * ws / output.Scale;
                    rq.Scale[ch] = (float)((float)(input.Scale * ws) / output.Scale);
                }
                else
                {
                    float product = (float)(input.Scale * w.Scale);
                    real = (double)product / output.Scale;
                    rq.Scale[ch] = (float)(product / output.Scale);
                }

                int m, s;
                QuantMath.QuantizeMultiplier(real, out m, out s);
                rq.Multiplier[ch] = m;
                rq.Shift[ch] = s;
            }

            _parameterBytes += 12 * channels;
            return rq;
        }

        private Layer PrepareFullyConnected(int code)
        {
            int iin = IoIndex(_ins, 0), iw = IoIndex(_ins, 1), ib = IoIndex(_ins, 2), iout = IoIndex(_outs, 0);
            if (iin < 0 || iw < 0 || iout < 0)
                throw OpError(ModelFault.Corrupt, "missing input, weights or output");
            TensorDesc input = _tensors[iin], w = _tensors[iw], output = _tensors[iout];
            TensorDesc bias = ib >= 0 ? _tensors[ib] : null;
            NeedType(iin, TensorDesc.TypeInt8);
            NeedType(iw, TensorDesc.TypeInt8);
            NeedType(iout, TensorDesc.TypeInt8);
            if (bias != null)
                NeedType(ib, TensorDesc.TypeInt32);
            NeedDims(iw, 2);
            NeedConst(iw, "weights");
            if (bias != null)
                NeedConst(ib, "bias");
            NeedQuant(iin);
            NeedQuant(iout);
            int act = 0, fmt = 0;
            if (_hasOpt)
            {
                NeedOptions(8);
                act = _fb.I8(_opt, 0, 0, "options of op", _opIndex);
                fmt = _fb.I8(_opt, 1, 0, "options of op", _opIndex);
            }

            if (fmt != 0)
                throw OpError(ModelFault.UnsupportedOp, "shuffled weights format is not supported");
            int outs = w.Shape[0], depth = w.Shape[1];
            if (input.Elements % depth != 0)
                throw OpError(ModelFault.Shape, "input of " + input.Elements + " elements is not a multiple of depth " + depth);
            int batches = input.Elements / depth;
            if (output.Elements != batches * outs || output.Dims < 1 || output.Shape[output.Dims - 1] != outs)
                throw OpError(ModelFault.Shape, "output tensor " + iout + " does not hold " + batches + " x " + outs + " values");
            if (bias != null && bias.Elements != outs)
                throw OpError(ModelFault.Shape, "bias has " + bias.Elements + " entries for " + outs + " outputs");
            NeedWeightQuant(iw, outs, 0);
            int inOffset = -input.ZeroPoint;
            int lo, hi;
            ActivationRange(act, output, out lo, out hi);
            for (int ch = 0; ch < outs; ++ch)
            {
                long bv = bias != null ? _fb.I32(bias.DataPos + 4 * ch) : 0;
                long sum = 0;
                for (int i = 0; i < depth; ++i)
                    sum += (sbyte)_fb.Byte(w.DataPos + ch * depth + i);
                CheckAccumulatorRange(ch, bv, bv + (long)inOffset * sum, depth);
                double ws = w.ScaleCount > 1 ? _fb.F32(w.ScalesPos + 4 * ch) : w.Scale;
                CheckRescale(ch, (double)input.Scale * ws / output.Scale);
            }

            ChannelRequantizer rq = BuildRequantizer(input, w, output, outs, lo, hi, false);
            return new FullyConnectedLayer(code, iin, iout, batches, depth, outs, CopyWeights(w), ReadBias(ib, outs),
                inOffset, rq);
        }

        private Layer PreparePool(int code, bool average)
        {
            int iin = IoIndex(_ins, 0), iout = IoIndex(_outs, 0);
            if (iin < 0 || iout < 0)
                throw OpError(ModelFault.Corrupt, "missing input or output");
            TensorDesc input = _tensors[iin], output = _tensors[iout];
            NeedType(iin, TensorDesc.TypeInt8);
            NeedType(iout, TensorDesc.TypeInt8);
            NeedDims(iin, 4);
            NeedQuant(iin);
            NeedQuant(iout);
            NeedOptions(5);
            if (input.Scale != output.Scale || input.ZeroPoint != output.ZeroPoint)
                throw OpError(ModelFault.Quantization, "input and output quantization differ");
            string what = "options of op";
            int padding = _fb.U8(_opt, 0, 0, what, _opIndex);
            int sw = _fb.I32(_opt, 1, 0, what, _opIndex);
            int sh = _fb.I32(_opt, 2, 0, what, _opIndex);
            int fw = _fb.I32(_opt, 3, 0, what, _opIndex);
            int fh = _fb.I32(_opt, 4, 0, what, _opIndex);
            int act = _fb.I8(_opt, 5, 0, what, _opIndex);
            int n = input.Shape[0], h = input.Shape[1], w = input.Shape[2], c = input.Shape[3];
            int oh, ow, ph, pw;
            OutSize(padding, h, fh, sh, 1, out oh, out ph);
            OutSize(padding, w, fw, sw, 1, out ow, out pw);
            NeedOutShape(iout, n, oh, ow, c);
            // an average sums at most min(f,in) x min(f,in) int8 values in int32
            if ((long)(fh < h ? fh : h) * (fw < w ? fw : w) > (1 << 23))
                throw OpError(ModelFault.Limit, "pooling window too large");
            int lo, hi;
            ActivationRange(act, output, out lo, out hi);
            return new PoolLayer(code, iin, iout, average, n, h, w, c, oh, ow, fh, fw, sh, sw, ph, pw, lo, hi);
        }

        private Layer PrepareSoftmax(int code)
        {
            int iin = IoIndex(_ins, 0), iout = IoIndex(_outs, 0);
            if (iin < 0 || iout < 0)
                throw OpError(ModelFault.Corrupt, "missing input or output");
            TensorDesc input = _tensors[iin], output = _tensors[iout];
            NeedType(iin, TensorDesc.TypeInt8);
            NeedType(iout, TensorDesc.TypeInt8);
            NeedQuant(iin);
            NeedQuant(iout);
            if (input.Elements != output.Elements || input.Dims < 1 || output.Dims < 1 ||
                input.Shape[input.Dims - 1] != output.Shape[output.Dims - 1])
                throw OpError(ModelFault.Shape, "input and output shapes differ");
            float dev = (float)(output.Scale - 1.0f / 256);
            if (output.ZeroPoint != -128 || (dev < 0 ? -dev : dev) > 0.001f / 256)
                throw OpError(ModelFault.Quantization, "output must have scale 1/256 and zero point -128");
            float beta = 1.0f;
            if (_hasOpt)
            {
                NeedOptions(9);
                beta = _fb.F32(_opt, 0, 0.0f, "options of op", _opIndex);
            }

            if (!(beta > 0.0f && beta < 1e6f))
                throw OpError(ModelFault.Corrupt, "invalid beta");
            int depth = input.Shape[input.Dims - 1];
            _parameterBytes += 256 * 4;
            return new SoftmaxLayer(code, iin, iout, input.Elements / depth, depth, input.Scale, beta,
                output.ZeroPoint, output.Scale);
        }

        private bool IsGraphIo(FbVector v, int t)
        {
            for (int i = 0; i < v.Count; ++i)
                if (_fb.I32(v.Data + 4 * i) == t)
                    return true;
            return false;
        }

        private Layer PrepareUnary(int code)
        {
            int iin = IoIndex(_ins, 0), iout = IoIndex(_outs, 0);
            if (iin < 0 || iout < 0)
                throw OpError(ModelFault.Corrupt, "missing input or output");
            TensorDesc input = _tensors[iin], output = _tensors[iout];
            if (input.Elements != output.Elements)
                throw OpError(ModelFault.Shape, "input has " + input.Elements + " elements, output " + output.Elements);
            bool q8in = input.Type == TensorDesc.TypeInt8 || input.Type == TensorDesc.TypeUInt8;
            bool q8out = output.Type == TensorDesc.TypeInt8 || output.Type == TensorDesc.TypeUInt8;
            if (code == BuiltinNames.Reshape)
            {
                if (input.Type != output.Type)
                    throw OpError(ModelFault.UnsupportedType, "input and output types differ");
                if (!q8in)
                    NeedType(iin, TensorDesc.TypeInt8);
                return new ReshapeLayer(code, iin, iout, input.Bytes);
            }

            if (code == BuiltinNames.Quantize)
            {
                if (!q8out || !(q8in || (input.Type == TensorDesc.TypeFloat32 && IsGraphIo(_inputsV, iin))))
                    throw OpError(ModelFault.UnsupportedType, TypeName(input.Type) + " to " + TypeName(output.Type) + " is not supported");
                NeedQuant(iout);
                if (q8in)
                    NeedQuant(iin);
                if (!q8in)
                    throw OpError(ModelFault.UnsupportedType,
                        "FLOAT32 model input: the managed engine takes 8-bit inputs only (use the native engine)");
                CheckRescale(0, (double)input.Scale / output.Scale);
                int m, s;
                QuantMath.QuantizeMultiplier((double)input.Scale / output.Scale, out m, out s);
                return new RequantizeLayer(code, iin, iout, input.Elements, input.Type == TensorDesc.TypeUInt8,
                    output.Type == TensorDesc.TypeUInt8, input.ZeroPoint, output.ZeroPoint, m, s);
            }

            // DEQUANTIZE: the C engine hands float outputs to the caller; the managed engine's callers take bytes
            if (!q8in || output.Type != TensorDesc.TypeFloat32 || !IsGraphIo(_outputsV, iout))
                throw OpError(ModelFault.UnsupportedType, TypeName(input.Type) + " to " + TypeName(output.Type) +
                    " is only supported for a model output");
            NeedQuant(iin);
            throw OpError(ModelFault.UnsupportedType,
                "FLOAT32 model output: the managed engine gives 8-bit outputs only (use the native engine)");
        }
    }
}
