using System.CommandLine;
using DigitLock.Training.Core;
using DigitLock.Training.Data;
using DigitLock.Training.Model;
using DigitLock.Training.Train;

namespace DigitLock.Cli.Commands;

/// <summary>
/// `digitlock transfer`: fine-tunes a trained model on touch-written digits. Default = AN12892's recipe
/// (freeze the convolutional layers, re-initialize the last three layers, train on the new set);
/// --freeze none fine-tunes everything.
/// </summary>
public static class TransferCommand
{
    public static Command Create()
    {
        var baseModel = new Option<string>("--base") { Description = "The trained float .model to start from", Required = true };
        var data = new Option<string>("--data") { Description = "Touch-written digits: a PNG/DAT dataset folder (or mnist, IMAGES.idx,LABELS.idx)", Required = true };
        var output = new Option<string>("--out") { Description = "The tuned float model to write (.model)", Required = true };
        var freeze = new Option<string>("--freeze") { Description = "conv: keep convolutional layers fixed (AN12892); none: fine-tune all", DefaultValueFactory = _ => "conv" };
        freeze.AcceptOnlyFromAmong("conv", "none");
        var resetHead = new Option<int>("--reset-head") { Description = "Re-initialize the last N layers (every layer counts, as in Keras)", DefaultValueFactory = _ => 3 };
        var perDigit = new Option<int>("--per-digit") { Description = "Train on a balanced random subset of K samples per digit" };
        var settings = TrainingSettingsOptions.Create(defaultEpochs: 30, defaultLearningRate: 1e-3f);

        var command = new Command("transfer", "Fine-tune a trained model on touch-written digits (AN12892's transfer-learning recipe by default).");
        foreach (Option o in new Option[] { baseModel, data, output, freeze, resetHead, perDigit })
        {
            command.Options.Add(o);
        }

        settings.AddTo(command);
        command.SetAction(parse =>
        {
            try
            {
                var layout = RepoLayout.Locate();
                var options = settings.Read(parse);
                var (network, baseMetadata) = ModelFile.Load(parse.GetValue(baseModel)!);
                var dataSpec = parse.GetValue(data)!;
                var all = DataSources.Open(dataSpec, TrainingConsole.MnistDir(layout));
                var (train, validation) = Subsets.Split(all, settings.ValidationFraction(parse), options.Seed);
                if (parse.GetValue(perDigit) is > 0 and var k)
                {
                    train = Subsets.PerDigit(train, k, options.Seed);
                }

                var recipe = TransferRecipe.Apply(network, parse.GetValue(freeze)!, parse.GetValue(resetHead), new Rng(options.Seed ^ 0x7F4A7C15UL));
                Console.WriteLine(recipe);
                Console.WriteLine($"fine-tuning on {train.Count} samples of {all.Name}, validating on {validation.Count}, {options.Threads} thread(s)");

                var result = TrainingConsole.Fit(network, options, train, validation.Count > 0 ? validation : null);
                var metadata = TrainingConsole.Metadata("transfer", dataSpec, options, result, train.Count, validation.Count);
                metadata["base_model"] = Path.GetFileName(parse.GetValue(baseModel));
                metadata["base_metadata"] = baseMetadata;
                metadata["freeze"] = parse.GetValue(freeze);
                metadata["reset_head"] = parse.GetValue(resetHead);
                metadata["per_digit"] = parse.GetValue(perDigit);
                foreach (var layer in network.Layers)
                {
                    layer.Trainable = true;
                }

                TrainingConsole.Save(parse.GetValue(output)!, network, metadata, result);
                return 0;
            }
            catch (Exception e) when (TrainingConsole.IsUserError(e))
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
