using Xunit.Abstractions;

namespace DigitLock.Engine.Tests;

/// <summary>The engine against the TensorFlow Lite runtime on real third-party int8 models: identical bytes.</summary>
public class ConformanceTests
{
    private const string MnistModel = "pico_conv_mnist_quant.tflite";
    private readonly ITestOutputHelper log;

    public ConformanceTests(ITestOutputHelper log)
    {
        this.log = log;
    }

    [SharedTheory]
    [InlineData(KernelVariant.Optimized)]
    [InlineData(KernelVariant.Reference)]
    public void Mnist_t10k_outputs_equal_the_tflite_runtime_reference_file(KernelVariant variant)
    {
        var expected = File.ReadAllBytes(TestRepo.SharedModel("pico_conv_mnist_quant.t10k-ref.bin"));
        using var model = new NativeInterpreter(TestRepo.ReadSharedModel(MnistModel));
        model.KernelVariant = variant;

        var actual = model.RunAll(MnistTestSet.Int8Records());

        var comparison = OutputComparison.Of(expected, actual, model.OutputRecordBytes);
        log.WriteLine($"{MnistModel} t10k ({variant}): {comparison}");
        if (!comparison.AllIdentical)
        {
            var firstThousand = MnistTestSet.Int8Records().AsSpan(0, 1000 * model.InputRecordBytes).ToArray();
            Assert.Fail($"{comparison}; {OpByOpComparison.FirstDifference(TestRepo.SharedModel(MnistModel), firstThousand, variant)}");
        }
    }

    [SharedTheory]
    [InlineData(MnistModel, 200)]
    [InlineData("tflm_person_detect.tflite", 20)]
    [InlineData("tflm_hello_world_int8.tflite", 1000)]
    public void Random_inputs_give_the_tflite_runtime_bytes_with_both_kernel_variants(string name, int records)
    {
        var modelBytes = TestRepo.ReadSharedModel(name);
        using var model = new NativeInterpreter(modelBytes);
        var input = new byte[records * model.InputRecordBytes];
        new Random(20261122).NextBytes(input);

        var expected = TfliteReference.Run(TestRepo.SharedModel(name), input);
        foreach (var variant in new[] { KernelVariant.Optimized, KernelVariant.Reference })
        {
            model.KernelVariant = variant;
            var comparison = OutputComparison.Of(expected, model.RunAll(input), model.OutputRecordBytes);
            log.WriteLine($"{name} {records} random records ({variant}): {comparison}");
            if (!comparison.AllIdentical)
            {
                Assert.Fail($"{name} ({variant}): {comparison}; " +
                            OpByOpComparison.FirstDifference(TestRepo.SharedModel(name), input, variant));
            }
        }
    }

    [SharedTheory]
    [InlineData(MnistModel, 50)]
    [InlineData("tflm_person_detect.tflite", 10)]
    [InlineData("tflm_hello_world_int8.tflite", 256)]
    public void Every_ops_own_output_equals_the_tflite_runtimes(string name, int records)
    {
        // Final outputs can hide differences (softmax saturates, person_detect has 2 output bytes), so every
        // intermediate tensor is compared too.
        var modelPath = TestRepo.SharedModel(name);
        int recordBytes;
        using (var model = NativeInterpreter.FromFile(modelPath))
        {
            recordBytes = model.InputRecordBytes;
        }

        var input = new byte[records * recordBytes];
        new Random(5).NextBytes(input);
        var results = OpByOpComparison.Run(modelPath, input, KernelVariant.Optimized);

        foreach (var (op, comparison) in results)
        {
            log.WriteLine($"{name} op {op.Index} {op.Name}: {comparison}");
        }

        var differing = results.Where(r => !r.Comparison.AllIdentical).ToList();
        Assert.True(differing.Count == 0,
            string.Join("; ", differing.Select(r => $"op {r.Op.Index} {r.Op.Name}: {r.Comparison}")));
    }

    [SharedTheory]
    [InlineData(MnistModel)]
    [InlineData("tflm_person_detect.tflite")]
    [InlineData("tflm_hello_world_int8.tflite")]
    public void Reference_and_optimized_kernels_agree_on_extreme_inputs(string name)
    {
        // Saturated inputs drive accumulators and requantization to their limits, where kernels tend to differ.
        using var model = new NativeInterpreter(TestRepo.ReadSharedModel(name));
        var size = model.InputRecordBytes;
        var input = new byte[4 * size];
        input.AsSpan(0, size).Fill(0x80);
        input.AsSpan(size, size).Fill(0x7f);
        for (var i = 0; i < size; i++)
        {
            input[2 * size + i] = (i & 1) == 0 ? (byte)0x80 : (byte)0x7f;
        }

        // The fourth record stays zero.
        model.KernelVariant = KernelVariant.Reference;
        var reference = model.RunAll(input);
        model.KernelVariant = KernelVariant.Optimized;
        var optimized = model.RunAll(input);

        var comparison = OutputComparison.Of(reference, optimized, model.OutputRecordBytes);
        Assert.True(comparison.AllIdentical, comparison.ToString());
    }

    [SharedFact]
    public void Mnist_model_describes_the_input_and_output_its_readme_documents()
    {
        using var model = new NativeInterpreter(TestRepo.ReadSharedModel(MnistModel));

        var input = Assert.Single(model.Inputs);
        Assert.Equal(TensorType.Int8, input.Type);
        Assert.Equal(new[] { 1, 28, 28, 1 }, input.Shape);
        Assert.Equal(1f / 128, input.Scale);
        Assert.Equal(0, input.ZeroPoint);
        var output = Assert.Single(model.Outputs);
        Assert.Equal(new[] { 1, 10 }, output.Shape);
        Assert.Equal(1f / 256, output.Scale);
        Assert.Equal(-128, output.ZeroPoint);
        Assert.Equal(new[] { "CONV_2D", "MAX_POOL_2D", "CONV_2D", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX" },
            model.Ops.Select(o => o.Name));
    }

    [SharedTheory]
    [InlineData(MnistModel)]
    [InlineData("tflm_person_detect.tflite")]
    [InlineData("tflm_hello_world_int8.tflite")]
    public void Macs_of_conv_and_fully_connected_ops_follow_from_their_shapes(string name)
    {
        using var model = new NativeInterpreter(TestRepo.ReadSharedModel(name));
        var tensors = model.Tensors();
        foreach (var op in model.Ops)
        {
            var output = tensors[op.OutputTensor];
            long outputElements = output.Shape.Aggregate(1L, (a, d) => a * d);
            long? expected = op.Name switch
            {
                // Weights [out_c, kh, kw, in_c]: each output element sums kh*kw*in_c products.
                "CONV_2D" => outputElements * tensors[op.WeightsTensor].Shape.Skip(1).Aggregate(1L, (a, d) => a * d),
                // Weights [1, kh, kw, out_c]: each output element sums kh*kw products.
                "DEPTHWISE_CONV_2D" => outputElements * tensors[op.WeightsTensor].Shape[1] * tensors[op.WeightsTensor].Shape[2],
                // Weights [units, features].
                "FULLY_CONNECTED" => outputElements * tensors[op.WeightsTensor].Shape[^1],
                _ => null,
            };
            if (expected != null)
            {
                Assert.True(expected == op.Macs, $"op {op.Index} {op.Name}: engine says {op.Macs} MACs, shapes give {expected}");
            }

            Assert.True(op.Macs >= 0, $"op {op.Index} {op.Name}: negative MACs");
        }

        Assert.True(model.ActivationBytes > 0 && model.ActivationBytes <= model.ArenaBytes,
            $"activation bytes {model.ActivationBytes} should be within the arena's {model.ArenaBytes}");
    }

    [SharedTheory]
    [InlineData(MnistModel)]
    [InlineData("tflm_hello_world_int8.tflite")]
    public void Metadata_entries_listed_in_the_file_are_readable_through_the_engine(string name)
    {
        var bytes = TestRepo.ReadSharedModel(name);
        using var model = new NativeInterpreter(bytes);

        Assert.Contains("min_runtime_version", model.MetadataNames);
        foreach (var entry in model.MetadataNames)
        {
            Assert.NotNull(model.Metadata(entry));
        }

        Assert.Null(model.Metadata("no_such_entry"));
    }
}
