using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DigitLock.Core.Preprocessing;
using DigitLock.Data;
using DigitLock.Export;
using DigitLock.Tflite.Onnx;
using DigitLock.Tflite.Quantization;
using DigitLock.Training.Core;
using DigitLock.Training.Data;
using DigitLock.Training.Evaluation;
using DigitLock.Training.Model;
using DigitLock.Training.Train;

namespace DigitLock.Cli.Commands;

/// <summary>
/// `digitlock build-model`: the one command that makes the shipped model. MNIST training (or --base),
/// fine-tuning on pen-stroke digits split by writer, int8 quantization, measurement through the C engine,
/// then models/default.tflite + .model + .accuracy.json and docs/model-card.md, all written only at the end.
/// </summary>
public static class BuildModelCommand
{
    /// <summary>Held out of fine-tuning and early stopping: the "unseen writers" figure.</summary>
    private const double TestWriterFraction = 0.2;

    /// <summary>Of the remaining writers, held out for early stopping.</summary>
    private const double ValidationWriterFraction = 0.125;

    /// <summary>Of MNIST's 60,000 training images, held out for early stopping of the base model.</summary>
    private const double MnistValidationFraction = 0.05;

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The int8 model to write (default models/default.tflite); .model and .accuracy.json go beside it" };
        var quick = new Option<bool>("--quick") { Description = "Smoke test of the pipeline: 2,000 MNIST images, one epoch each step" };
        var baseModel = new Option<string>("--base") { Description = "Start from this MNIST-trained float .model instead of training one" };
        var pen = new Option<string>("--pen") { Description = "UNIPEN pen digits (default ../shared/data/pendigits/pendigits-orig.tra)" };
        var seed = new Option<ulong>("--seed") { Description = "Seed for initialization, writer split, mixing and augmentation", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "Training threads", DefaultValueFactory = _ => 2 };
        var epochs = new Option<int>("--epochs") { Description = "MNIST training epochs", DefaultValueFactory = _ => 14 };
        var transferEpochs = new Option<int>("--transfer-epochs") { Description = "Fine-tuning epochs", DefaultValueFactory = _ => 10 };
        var transferLr = new Option<float>("--transfer-lr") { Description = "Fine-tuning learning rate", DefaultValueFactory = _ => 5e-5f };
        var freeze = new Option<string>("--freeze") { Description = "Fine-tuning: none (all layers learn) or conv (AN12892)", DefaultValueFactory = _ => "none" };
        freeze.AcceptOnlyFromAmong("none", "conv");
        var resetHead = new Option<int>("--reset-head") { Description = "Fine-tuning: re-initialize the last N layers", DefaultValueFactory = _ => 0 };
        var mix = new Option<int>("--mnist-mix") { Description = "MNIST training images mixed into fine-tuning, so the MNIST skill stays", DefaultValueFactory = _ => 20000 };
        var calibCount = new Option<int>("--calib-count") { Description = "Calibration images (half MNIST, half pen training digits)", DefaultValueFactory = _ => 500 };
        var method = new Option<string>("--calibration") { Description = "minmax or percentile", DefaultValueFactory = _ => "minmax" };
        method.AcceptOnlyFromAmong("minmax", "percentile");
        var onnx = new Option<bool>("--onnx") { Description = "Also write the float model as ONNX beside the .tflite" };
        var card = new Option<string>("--card") { Description = "Model card to write (default docs/model-card.md for the shipped model, else beside --out)" };
        var version = new Option<string>("--version") { Description = "Model version stored in the metadata", DefaultValueFactory = _ => "1.0" };

        var command = new Command("build-model",
            "Build the shipped digit model: MNIST training, fine-tuning on pen-stroke digits (UCI pendigits, split by writer), " +
            "int8 quantization, accuracy through the C engine, model card.");
        foreach (Option o in new Option[] { output, quick, baseModel, pen, seed, threads, epochs, transferEpochs, transferLr, freeze, resetHead, mix, calibCount, method, onnx, card, version })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            var temporary = (string?)null;
            try
            {
                var layout = RepoLayout.Locate();
                var shipped = Path.Combine(layout.Root, "models", "default.tflite");
                var outPath = Path.GetFullPath(parse.GetValue(output) ?? shipped);
                var isShipped = outPath == shipped;
                var stem = Path.Combine(Path.GetDirectoryName(outPath)!, Path.GetFileNameWithoutExtension(outPath));
                var cardPath = parse.GetValue(card) ?? (isShipped ? Path.Combine(layout.Root, "docs", "model-card.md") : stem + ".card.md");
                var isQuick = parse.GetValue(quick);
                var s = parse.GetValue(seed);
                var threadCount = Math.Max(1, parse.GetValue(threads));
                var mnistDir = TrainingConsole.MnistDir(layout);
                var penFile = parse.GetValue(pen) ?? Path.Combine(layout.SharedDir, "data", "pendigits", "pendigits-orig.tra");
                if (!File.Exists(penFile))
                {
                    throw new FileNotFoundException($"pen-stroke digits not found: {penFile} (../shared beside the checkout, or --pen FILE)");
                }

                var clock = Stopwatch.StartNew();
                var mnistTrain = DataSources.Mnist(mnistDir, test: false);
                var mnistTest = DataSources.Mnist(mnistDir, test: true);
                if (isQuick)
                {
                    mnistTrain = DigitSet.Select(mnistTrain, Spread(mnistTrain.Count, 2000), "mnist-train (2000)");
                }

                // 1. The MNIST model.
                Network network;
                JsonObject baseMetadata;
                string baseText;
                if (parse.GetValue(baseModel) is { } basePath)
                {
                    (network, baseMetadata) = ModelFile.Load(basePath);
                    baseText = $"Base: `{Path.GetFileName(basePath)}` (given with --base), {Settings(baseMetadata)}.";
                    Step(clock, $"base model {basePath}: {network.Spec}");
                }
                else
                {
                    network = new Network(Architectures.Default);
                    network.Initialize(new Rng(s));
                    var options = Options(isQuick ? 1 : parse.GetValue(epochs), 2e-3f, s, threadCount);
                    // 3,000 images are enough to pick the best epoch; the other 57,000 train.
                    var (train, validation) = Subsets.Split(mnistTrain, MnistValidationFraction, s);
                    Console.WriteLine(network.Describe());
                    Step(clock, $"training on {train.Count} MNIST images, validating on {validation.Count}");
                    var result = TrainingConsole.Fit(network, options, train, validation);
                    baseMetadata = TrainingConsole.Metadata("train", mnistTrain.Name, options, result, train.Count, validation.Count);
                    baseMetadata["architecture"] = network.Spec;
                    baseText = $"Base: the default architecture trained from scratch on MNIST, {Settings(baseMetadata)}.";
                }

                var baseMnist = EvaluationReport.Evaluate(new FloatDigitModel(network, "base", threadCount), mnistTest).Accuracy;
                baseMetadata["mnist_test_accuracy"] = baseMnist;
                Step(clock, $"base model MNIST test accuracy (float): {Pct(baseMnist)}");
                baseText += $" Its MNIST test accuracy (float) before fine-tuning: {Pct(baseMnist)}.";

                // 2. Pen strokes through the board's own capture and preprocessing, split by writer.
                temporary = Path.Combine(layout.Root, "build", $"build-model-{Environment.ProcessId}");
                var import = UnipenImport.Run(penFile, temporary, TouchScreen.Rt1060);
                var penAll = DatDatasets.Load(temporary);
                var (penRest, testPart) = Subsets.Split(penAll, TestWriterFraction, s);
                var (trainPart, validationPart) = Subsets.Split(penRest, ValidationWriterFraction, s + 1);
                var penTrain = DigitSets.Concat("pendigits training writers", trainPart);
                var penValidation = DigitSets.Concat("pendigits validation writers", validationPart);
                var penTest = DigitSets.Concat("pendigits unseen writers", testPart);
                Step(clock, $"pen digits: {import.Written} imported ({import.Skipped.Count} too small), writers " +
                            $"{DigitSets.Writers(penTrain).Count} train / {DigitSets.Writers(penValidation).Count} validation / " +
                            $"{DigitSets.Writers(penTest).Count} unseen test ({penTrain.Count}/{penValidation.Count}/{penTest.Count} digits)");

                // The MNIST-only model on the unseen writers: the gap fine-tuning closes.
                var baseUnseen = EvaluationReport.Evaluate(new FloatDigitModel(network, "base", threadCount), penTest).Accuracy;
                baseMetadata["pen_unseen_accuracy"] = baseUnseen;
                Step(clock, $"base model (MNIST only) on the unseen writers (float): {Pct(baseUnseen)}");
                baseText += $" On the unseen pen writers, before fine-tuning: {Pct(baseUnseen)} (float).";

                // 3. Fine-tuning on the training writers, mixed with MNIST so the MNIST skill stays.
                var mixCount = parse.GetValue(mix) >= 0 ? parse.GetValue(mix) : throw new ArgumentException("--mnist-mix must not be negative");
                var mnistOrder = Enumerable.Range(0, mnistTrain.Count).ToArray();
                new Rng(s ^ 0x31415926UL).Shuffle(mnistOrder);
                mixCount = Math.Min(mixCount, mnistTrain.Count / 2);
                var mnistMix = DigitSet.Select(mnistTrain, mnistOrder.Take(mixCount).Order().ToArray(), "mnist-train (mix)");
                var mnistStop = DigitSet.Select(mnistTrain, mnistOrder.Skip(mixCount).Take(Math.Min(1000, mnistTrain.Count / 4)).Order().ToArray(), "mnist-train (early stopping)");
                var tuneTrain = DigitSets.Concat("pen training writers + mnist", penTrain, mnistMix);
                var tuneValidation = DigitSets.Concat("pen validation writers + mnist", penValidation, mnistStop);
                var recipe = TransferRecipe.Apply(network, parse.GetValue(freeze)!, parse.GetValue(resetHead), new Rng(s ^ 0x7F4A7C15UL));
                var tuneOptions = Options(isQuick ? 1 : parse.GetValue(transferEpochs), parse.GetValue(transferLr), s, threadCount);
                Step(clock, $"fine-tuning: {recipe}; {penTrain.Count} pen + {mnistMix.Count} MNIST digits, early stopping on {tuneValidation.Count}");
                var tuned = TrainingConsole.Fit(network, tuneOptions, tuneTrain, tuneValidation);
                foreach (var layer in network.Layers)
                {
                    layer.Trainable = true;
                }

                var metadata = TrainingConsole.Metadata("build-model", $"pendigits ({penTrain.Count} digits) + mnist ({mnistMix.Count})", tuneOptions, tuned, tuneTrain.Count, tuneValidation.Count);
                metadata["base_metadata"] = baseMetadata;
                metadata["freeze"] = parse.GetValue(freeze);
                metadata["reset_head"] = parse.GetValue(resetHead);
                metadata["test_writers"] = new JsonArray(DigitSets.Writers(penTest).Select(w => (JsonNode)w).ToArray());

                // 4. int8: calibration on training images only (half MNIST, half pen).
                var calibTotal = Math.Max(2, parse.GetValue(calibCount));
                var calibration = NetworkQuantizer.CalibrationImages(mnistMix, calibTotal / 2)
                    .Concat(NetworkQuantizer.CalibrationImages(penTrain, calibTotal - calibTotal / 2));
                var calibrationName = parse.GetValue(method)!;
                var description = NetworkQuantizer.Describe(
                    isShipped ? "digitlock-default" : Path.GetFileNameWithoutExtension(outPath),
                    parse.GetValue(version)!,
                    $"MNIST train + UCI pendigits (Alpaydin & Alimoglu, CC BY 4.0) rendered by the device preprocessing, {DigitSets.Writers(penTrain).Count} writers");
                var export = NetworkQuantizer.Quantize(network, calibration, description,
                    new QuantizationOptions { Method = NetworkQuantizer.ParseMethod(calibrationName) });
                var figures = EngineFigures.Of(export.Tflite);
                Step(clock, $"int8: {figures.FileBytes} bytes, constants {figures.ConstantBytes} B, arena {figures.ArenaBytes} B, {figures.Macs} MACs");

                // 5. Accuracy, int8 through the C engine.
                var mnist = AccuracyComparison.Measure(network, export.Tflite, mnistTest, threadCount);
                var penUnseen = AccuracyComparison.Measure(network, export.Tflite, penTest, threadCount);
                var penVal = AccuracyComparison.Measure(network, export.Tflite, penValidation, threadCount);
                Step(clock, mnist.Describe());
                Step(clock, penUnseen.Describe());
                Step(clock, penVal.Describe());
                metadata["mnist_test_accuracy"] = mnist.Float;
                metadata["pen_unseen_accuracy"] = penUnseen.Float;

                var sha = export.Quantized.Model.WeightsSha256();
                var args = string.Join(" ", parse.Tokens.Select(t => t.Value).SkipWhile(t => t == "build-model"));
                var modelCard = new ModelCard(
                    description.Name, description.Version, description.Date, network.Spec, network.ParameterCount, figures, sha,
                    Training(baseText, import, penAll, penTrain, penValidation, penTest, mnistMix.Count, recipe, tuneOptions, tuned),
                    $"{description.Name}.tflite, int8 post-training ({calibrationName} calibration over {export.Quantized.CalibrationImages} " +
                    "training images, half MNIST, half pen training writers); weights symmetric per channel (dense per tensor), " +
                    "activations asymmetric, softmax output 1/256.",
                    mnist, penUnseen, penVal,
                    ("./digitlock build-model " + args).Trim(),
                    PreprocessParams.Describe(), export.Graph.Normalization.Describe(), isQuick);

                // 6. Files, each under a temporary name first.
                AtomicFile.WriteAllBytes(outPath, export.Tflite);
                ModelFile.Save(stem + ".model", network, metadata);
                AtomicFile.WriteAllText(ExpectedAccuracy.PathBeside(outPath),
                    new ExpectedAccuracy(Path.GetFileName(outPath), sha, mnist.Int8, mnist.Count, ExpectedAccuracy.DefaultTolerancePoints).ToJson());
                if (parse.GetValue(onnx))
                {
                    AtomicFile.WriteAllBytes(stem + ".onnx", OnnxExporter.ExportFloat(export.Graph, description));
                }

                AtomicFile.WriteAllText(cardPath, modelCard.Render());
                Step(clock, $"wrote {outPath}, {stem}.model, {ExpectedAccuracy.PathBeside(outPath)}{(parse.GetValue(onnx) ? $", {stem}.onnx" : "")}, {cardPath}");
                return 0;
            }
            catch (Exception e) when (TrainingConsole.IsUserError(e) || e is NotSupportedException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            finally
            {
                if (temporary != null && Directory.Exists(temporary))
                {
                    Directory.Delete(temporary, recursive: true);
                }
            }
        });
        return command;
    }

    private static TrainingOptions Options(int epochs, float lr, ulong seed, int threads)
    {
        if (epochs <= 0)
        {
            throw new ArgumentException("--epochs and --transfer-epochs must be positive");
        }

        return new TrainingOptions
        {
            Epochs = epochs,
            LearningRate = lr,
            FinalLearningRate = lr / 100,
            Seed = seed,
            Threads = threads,
            Patience = 4,
        };
    }

    /// <summary>n indices spread evenly over 0..count-1.</summary>
    private static int[] Spread(int count, int n) =>
        Enumerable.Range(0, Math.Min(n, count)).Select(i => (int)((long)i * count / Math.Min(n, count))).ToArray();

    private static void Step(Stopwatch clock, string text) =>
        Console.WriteLine(FormattableString.Invariant($"[{clock.Elapsed.TotalMinutes,5:0.0} min] {text}"));

    private static string Pct(double v) => (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Settings(JsonObject m) =>
        $"{m["command"]} on {m["data"]}: {m["train_samples"]} training images, {m["epochs_run"]} epochs run (best {m["best_epoch"]}), " +
        $"{m["optimizer"]} lr {m["learning_rate"]} {m["schedule"]}, augmentation {((bool?)m["augment"] == true ? "on" : "off")}, seed {m["seed"]}, {m["threads"]} threads";

    private static string Training(
        string baseText, UnipenImportResult import, IDigitDataset all, IDigitDataset train, IDigitDataset validation, IDigitDataset test,
        int mnistMix, string recipe, TrainingOptions o, TrainingResult tuned)
    {
        string Writers(IDigitDataset d) => string.Join(", ", DigitSets.Writers(d).Select(w => w.Replace("pendigits-", "")));
        return string.Join("\n",
            $"- {baseText}",
            $"- Pen strokes: UCI \"Pen-Based Recognition of Handwritten Digits\" (`pendigits-orig.tra`, {all.Count} digits of " +
            $"{DigitSets.Writers(all).Count} writers imported, {import.Skipped.Count} skipped as too small) replayed through the board's " +
            "stroke capture and preprocessing (`dataset import-unipen`: RT1060 writing box 100x120, 100 Hz touch rate).",
            $"- Writers split by seed {o.Seed}: training {DigitSets.Writers(train).Count} writers ({train.Count} digits), " +
            $"validation {DigitSets.Writers(validation).Count} writers ({validation.Count} digits: {Writers(validation)}), " +
            $"unseen test {DigitSets.Writers(test).Count} writers ({test.Count} digits: {Writers(test)}).",
            $"- Fine-tuning: {recipe}; {tuned.Epochs.Count} epochs run of {o.Epochs} (best {tuned.BestEpoch}) on the training writers' digits " +
            $"mixed with {mnistMix} MNIST training images, {o.Optimizer} lr {o.LearningRate.ToString("0.#######", CultureInfo.InvariantCulture)} {o.Schedule}, " +
            $"augmentation {(o.Augment is null ? "off" : "on")}, batch {o.BatchSize}; early stopping on the validation writers plus 1,000 other MNIST training images.");
    }
}
