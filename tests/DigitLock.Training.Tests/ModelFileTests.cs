using System.Text.Json.Nodes;
using DigitLock.Training.Core;
using DigitLock.Training.Evaluation;
using DigitLock.Training.Model;

namespace DigitLock.Training.Tests;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dl-model-tests-" + Guid.NewGuid().ToString("N"));

    public ModelFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SaveLoadKeepsArchitectureWeightsAndMetadata()
    {
        var network = new Network(Architectures.Default);
        network.Initialize(new Rng(3));
        var path = Path.Combine(_dir, "m.model");
        ModelFile.Save(path, network, new JsonObject { ["seed"] = 3 });
        var (back, metadata) = ModelFile.Load(path);
        Assert.Equal(network.Spec, back.Spec);
        Assert.Equal(network.Parameters.SelectMany(p => p.Value), back.Parameters.SelectMany(p => p.Value));
        Assert.Equal(3, metadata["seed"]!.GetValue<int>());

        var input = GradientCheckTests.RandomArray(new Rng(1), 2 * 784, 0.5f).Select(MathF.Abs).ToArray();
        Assert.Equal(network.Forward(input, 2), back.Forward(input, 2));
    }

    [Fact]
    public void DamagedFilesAreRejectedWithTheReason()
    {
        var network = new Network("flatten | dense 10 linear");
        var path = Path.Combine(_dir, "m.model");
        ModelFile.Save(path, network, new JsonObject());
        var bytes = File.ReadAllBytes(path);

        File.WriteAllBytes(path, bytes[..^4]);
        Assert.Contains("bytes of weights", Assert.Throws<InvalidDataException>(() => ModelFile.Load(path)).Message);

        var wrongMagic = (byte[])bytes.Clone();
        wrongMagic[0] = (byte)'X';
        File.WriteAllBytes(path, wrongMagic);
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => ModelFile.Load(path)).Message);

        var hugeHeader = (byte[])bytes.Clone();
        hugeHeader[11] = 0x7F;
        File.WriteAllBytes(path, hugeHeader);
        Assert.Contains("header length", Assert.Throws<InvalidDataException>(() => ModelFile.Load(path)).Message);
    }

    [Fact]
    public void SpecStringsRoundTripAndBadOnesAreNamed()
    {
        foreach (var spec in Architectures.Named.Values)
        {
            Assert.Equal(spec, new Network(spec).Spec);
        }

        Assert.Contains("unknown layer type 'lstm'", Assert.Throws<FormatException>(() => new Network("lstm 3")).Message);
        Assert.Throws<ArgumentException>(() => new Network("conv 4 5x5 s1 valid relu | conv 4 5x5 s1 valid relu", new Shape3(6, 6, 1)));
    }

    [Fact]
    public void BudgetFiguresOfTheDefaultArchitectureFitTheBoard()
    {
        var network = new Network(Architectures.Default);
        Assert.True(network.Int8ParameterBytes <= 20 * 1024, $"{network.Int8ParameterBytes} B of int8 constants");
        Assert.True(network.Int8ArenaBytes <= 16 * 1024, $"{network.Int8ArenaBytes} B of int8 activations");
    }

    [Fact]
    public void EvaluationReportCountsConfusionAndMisclassified()
    {
        var set = TrainerTests.Bars(2, 1);
        var model = new FixedAnswer(i => i == 3 ? 5 : set.Label(i));
        var report = EvaluationReport.Evaluate(model, set);
        Assert.Equal(19.0 / 20, report.Accuracy, 6);
        Assert.Equal(1, report.Confusion[3, 5]);
        Assert.Single(report.Misclassified);
        Assert.Equal(2.0 / 3, report.PerClass[5].Precision, 6);
        Assert.Equal(0.5, report.PerClass[3].Recall, 6);
        var json = JsonNode.Parse(report.ToJson())!.AsObject();
        Assert.Equal(["accuracy", "count", "per_class", "confusion", "misclassified"], json.Select(p => p.Key).ToArray());
        Assert.Equal(5, json["misclassified"]![0]!["predicted"]!.GetValue<int>());
    }

    private sealed class FixedAnswer(Func<int, int> answer) : IDigitModel
    {
        public string Name => "fixed";

        public float[] Probabilities(DigitLock.Training.Data.IDigitDataset data)
        {
            var p = new float[data.Count * 10];
            for (var i = 0; i < data.Count; i++)
            {
                p[i * 10 + answer(i)] = 0.9f;
                p[i * 10 + (answer(i) + 1) % 10] = 0.1f;
            }

            return p;
        }
    }
}
