using System.Buffers.Binary;
using DigitLock.Engine;
using DigitLock.Tflite.Graph;
using DigitLock.Tflite.Quantization;
using Xunit.Abstractions;

namespace DigitLock.Tflite.Tests;

/// <summary>
/// A real trained network: the float32 MNIST CNN from /work/shared/models (pico-mnist), rebuilt as a
/// FloatGraph, quantized by our exporter with MNIST training images, and measured on the 10,000 MNIST
/// test images against its own float forward pass, the TFLite runtime and the engine.
/// </summary>
public sealed class PicoMnistTests
{
    private const int CalibrationImages = 500;

    private readonly ITestOutputHelper output;

    public PicoMnistTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [RequiresFact(Needs.SharedModels | Needs.Mnist | Needs.TfliteRuntime | Needs.Engine)]
    public void Quantized_pico_cnn_keeps_float_top1_on_mnist_test_set()
    {
        var graph = PicoGraph();
        var calibration = MnistFiles.Images("train-images-idx3-ubyte", CalibrationImages);
        var model = TfliteExporter.Export(graph, calibration, ConformanceTests.Description("pico-mnist requantized"), null, out var q);
        var images = MnistFiles.Images("t10k-images-idx3-ubyte", 10_000);
        var labels = MnistFiles.Labels("t10k-labels-idx1-ubyte", 10_000);
        var records = TestImages.Concat(images.Select(ConformanceTests.PixelsToInt8));

        var tflite = TfliteRuntime.Run(model, records);
        using var engine = new NativeInterpreter(model);
        Assert.Equal(tflite, engine.RunAll(records));

        int floatCorrect = 0, int8Correct = 0, agree = 0;
        for (var i = 0; i < images.Count; i++)
        {
            var f = graph.Forward(images[i]);
            var scores = tflite.AsSpan(i * 10, 10).ToArray().Select(b => (sbyte)b).ToArray();
            var floatTop = Array.IndexOf(f, f.Max());
            var int8Top = Array.IndexOf(scores, scores.Max());
            floatCorrect += floatTop == labels[i] ? 1 : 0;
            int8Correct += int8Top == labels[i] ? 1 : 0;
            agree += floatTop == int8Top ? 1 : 0;
        }

        output.WriteLine($"pico float {floatCorrect / 100.0:F2} %, our int8 {int8Correct / 100.0:F2} %, " +
                         $"top-1 agreement {agree / 100.0:F2} % on 10,000 MNIST test images ({q.CalibrationImages} calibration images); " +
                         $"{model.Length} bytes");
        foreach (var layer in q.Layers)
        {
            output.WriteLine($"  {layer}");
        }

        Assert.True(agree >= 9_900, $"int8 top-1 agrees with float on only {agree} of 10,000 images");
        Assert.True(int8Correct >= floatCorrect - 50, $"int8 accuracy {int8Correct} vs float {floatCorrect} of 10,000");
    }

    /// <summary>
    /// TensorFlow's converter quantized the same float weights into pico_conv_mnist_quant.tflite: our
    /// per-channel weights, scales and the first layer's biases (same input scale 1/128) must be its.
    /// Later biases depend on calibrated activation scales, which differ with the calibration set.
    /// </summary>
    [RequiresFact(Needs.SharedModels)]
    public void Weights_and_first_bias_equal_tensorflow_converter_output()
    {
        var graph = PicoGraph();
        var ours = new Int8Quantizer().Quantize(graph, [new byte[784]]).Model;
        var theirs = new TfliteFile(File.ReadAllBytes(Path.Combine(TestEnvironment.SharedModels, "pico_conv_mnist_quant.tflite")));
        var theirConstants = theirs.Tensors.Where(t => t.Buffer != 0 && theirs.Buffers[t.Buffer].Length > 0).ToList();

        foreach (var (name, theirShape) in new[] { ("conv2d_0/weights", "8,3,3,1"), ("conv2d_2/weights", "4,3,3,8"), ("dense_4/weights", "10,784"), ("conv2d_0/bias", "8") })
        {
            var mine = ours.Tensors.Single(t => t.Name == name);
            var their = theirConstants.Single(t => string.Join(",", t.Shape) == theirShape && (t.Type == 9) == name.EndsWith("weights"));
            Assert.Equal(their.Quantization!.Scales, mine.Quantization!.Scales);
            Assert.Equal(theirs.Buffers[their.Buffer], mine.Data);
        }
    }

    /// <summary>Rebuilds the float pico-mnist CNN from its .tflite weights (conv, maxpool, conv, reshape, dense, softmax).</summary>
    internal static FloatGraph PicoGraph()
    {
        var file = new TfliteFile(File.ReadAllBytes(Path.Combine(TestEnvironment.SharedModels, "pico_conv_mnist.tflite")));
        float[] Floats(int tensor) => Floats32(file.Buffers[file.Tensors[tensor].Buffer]);
        int[] Shape(int tensor) => file.Tensors[tensor].Shape;

        // Its int8 twin takes pixel - 128 at scale 1/128: the float model was fed (pixel - 128) / 128.
        var graph = new FloatGraph(new TensorShape(28, 28, 1), new InputNormalization(1f / 128f, -1f));
        foreach (var op in file.Operators)
        {
            var code = file.OperatorCodes[op.OpcodeIndex];
            switch (Math.Max(code.BuiltinCode, code.DeprecatedBuiltinCode))
            {
                case 3:
                    var w = Shape(op.Inputs[1]);
                    graph.Add(new Conv2DLayer(w[0], w[1], w[2], Floats(op.Inputs[1]), Floats(op.Inputs[2]),
                        file.OptionInt(op, 2), file.OptionInt(op, 1), (Padding)file.OptionByte(op, 0), (FusedActivation)file.OptionByte(op, 3)));
                    break;
                case 17:
                    graph.Add(new MaxPool2DLayer(file.OptionInt(op, 4), file.OptionInt(op, 3), file.OptionInt(op, 2), file.OptionInt(op, 1),
                        (Padding)file.OptionByte(op, 0), (FusedActivation)file.OptionByte(op, 5)));
                    break;
                case 22:
                    graph.Add(ReshapeLayer.Flatten());
                    break;
                case 9:
                    graph.Add(new DenseLayer(Shape(op.Inputs[1])[0], Floats(op.Inputs[1]), Floats(op.Inputs[2]), (FusedActivation)file.OptionByte(op, 0)));
                    break;
                case 25:
                    graph.Add(new SoftmaxLayer(file.OptionFloat(op, 0)));
                    break;
                default:
                    throw new InvalidDataException($"pico-mnist uses builtin {code.BuiltinCode}, which this importer does not map");
            }
        }

        return graph;
    }

    private static float[] Floats32(byte[] bytes) =>
        Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4))).ToArray();
}
