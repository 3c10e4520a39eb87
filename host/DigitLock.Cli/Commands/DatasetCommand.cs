using System.CommandLine;
using System.Globalization;
using DigitLock.Core.Dataset;
using DigitLock.Core.Preprocessing;
using DigitLock.Data;

namespace DigitLock.Cli.Commands;

/// <summary>
/// `digitlock dataset ...`: the touch-digit data set in the board's SD layout (folders 0..9 of DAT
/// files): import pen digits, inspect, balance, clean, split, export PNGs. And `bench preprocess`,
/// attached to the `bench` command when it exists.
/// </summary>
public static class DatasetCommand
{
    /// <summary>Adds `dataset` to <paramref name="root"/> and `preprocess` under its `bench` command.</summary>
    public static void Register(RootCommand root)
    {
        root.Subcommands.Add(Create());
        var bench = root.Subcommands.FirstOrDefault(c => c.Name == "bench");
        if (bench == null)
        {
            bench = new Command("bench", "Benchmarks that print cost figures (recorded in docs/benchmarks.md).");
            root.Subcommands.Add(bench);
        }

        bench.Subcommands.Add(CreateBenchPreprocess());
    }

    public static Command Create()
    {
        var dataset = new Command("dataset",
            "Touch-digit data sets stored as the board writes them (folders 0..9 of DAT files): " +
            "import, stats, contact sheets, cleaning, balancing, splits, PNG export.");
        dataset.Subcommands.Add(ImportUnipen());
        dataset.Subcommands.Add(Stats());
        dataset.Subcommands.Add(ToPng());
        dataset.Subcommands.Add(Sheet());
        dataset.Subcommands.Add(Clean());
        dataset.Subcommands.Add(Balance());
        dataset.Subcommands.Add(Split());
        return dataset;
    }

    private static Argument<string> DirArgument() => new("DIR")
    {
        Description = "Sample folder holding digit folders 0..9 of .dat files",
    };

    private static Option<string> OutOption(string description) => new("--out", "-o")
    {
        Description = description,
        Required = true,
    };

    private static Command ImportUnipen()
    {
        var file = new Argument<string>("FILE") { Description = "UNIPEN text file, e.g. pendigits-orig.tra" };
        var output = OutOption("Folder to write the samples to (created; digit folders 0..9 inside)");
        var box = new Option<string>("--box")
        {
            Description = "Writing box size WxH in screen pixels (default 100x120, the RT1060 PIN box)",
            DefaultValueFactory = _ => "100x120",
        };
        var rate = new Option<int>("--rate")
        {
            Description = "Touch controller report rate in Hz the pen is resampled at (default 100)",
            DefaultValueFactory = _ => TouchScreen.Rt1060.TouchRateHz,
        };
        var command = new Command("import-unipen",
            "Replay UNIPEN pen digits (e.g. UCI pendigits) through the device's stroke capture and " +
            "preprocessing as finger input in a writing box, and save them as DAT samples with their writer.");
        command.Arguments.Add(file);
        command.Options.Add(output);
        command.Options.Add(box);
        command.Options.Add(rate);
        command.SetAction(parse => Run(parse, "import-unipen", console =>
        {
            var (width, height) = ParseBox(parse.GetValue(box)!);
            var hz = parse.GetValue(rate);
            if (hz is < 10 or > 1000)
            {
                throw new DatasetException("--rate must be 10..1000 Hz");
            }

            var defaults = TouchScreen.Rt1060;
            var screen = defaults with
            {
                BoxWidth = width,
                BoxHeight = height,
                BoxLeft = Math.Max(0, (defaults.ScreenWidth - width) / 2),
                BoxTop = Math.Max(0, (defaults.ScreenHeight - height) / 2),
                ScreenWidth = Math.Max(defaults.ScreenWidth, width),
                ScreenHeight = Math.Max(defaults.ScreenHeight, height),
                TouchRateHz = hz,
            };
            var result = UnipenImport.Run(parse.GetValue(file)!, parse.GetValue(output)!, screen);
            foreach (var skipped in result.Skipped)
            {
                console.WriteLine($"skipped {skipped}");
            }

            console.WriteLine($"wrote {result.Written} samples to {parse.GetValue(output)} " +
                              $"(box {width}x{height}, {hz} Hz, {PreprocessParams.Describe()})");
            console.WriteLine("per digit: " + string.Join(" ", result.PerDigit.Select(p => $"{p.Key}:{p.Value}")));
        }));
        return command;
    }

    private static Command Stats()
    {
        var dir = DirArgument();
        var command = new Command("stats", "Count samples per digit, per source and per writer; list damaged files.");
        command.Arguments.Add(dir);
        command.SetAction(parse => Run(parse, "stats", console =>
        {
            var stats = DatasetStats.Of(parse.GetValue(dir)!);
            console.WriteLine($"{stats.Total} samples in {parse.GetValue(dir)}");
            var digits = new TextTable("digit", ">0", ">1", ">2", ">3", ">4", ">5", ">6", ">7", ">8", ">9");
            digits.Add(["samples", .. stats.PerDigit.Select(Text)]);
            digits.WriteTo(console);
            console.WriteLine();
            var sources = new TextTable("source", ">samples");
            foreach (var (source, count) in stats.PerSource)
            {
                sources.Add(source, Text(count));
            }

            sources.WriteTo(console);
            console.WriteLine();
            var writers = new TextTable("writer", ">total", ">0", ">1", ">2", ">3", ">4", ">5", ">6", ">7", ">8", ">9");
            foreach (var (writer, counts) in stats.PerWriter)
            {
                writers.Add([writer, Text(counts.Sum()), .. counts.Select(Text)]);
            }

            writers.WriteTo(console);
            if (stats.Damaged.Count > 0)
            {
                console.WriteLine();
                console.WriteLine($"{stats.Damaged.Count} damaged files:");
                foreach (var damaged in stats.Damaged)
                {
                    console.WriteLine($"  {damaged}");
                }
            }
        }));
        return command;
    }

    private static Command ToPng()
    {
        var dir = DirArgument();
        var output = OutOption("Folder for the PNGs (one folder per digit)");
        var zoom = new Option<int>("--zoom")
        {
            Description = "Pixel size of each image pixel (1 = 28x28 PNGs)",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("to-png", "Write each sample's 28x28 image as a greyscale PNG, one folder per digit.");
        command.Arguments.Add(dir);
        command.Options.Add(output);
        command.Options.Add(zoom);
        command.SetAction(parse => Run(parse, "to-png", console =>
        {
            var z = parse.GetValue(zoom);
            if (z is < 1 or > 16)
            {
                throw new DatasetException("--zoom must be 1..16");
            }

            var dataset = DatDataset.Load(parse.GetValue(dir)!);
            foreach (var record in dataset.Records)
            {
                var name = Path.ChangeExtension(record.Path, ".png");
                PngWriter.WriteGray(Path.Combine(parse.GetValue(output)!, name), 28 * z, 28 * z, Zoom(record.Image, z));
            }

            console.WriteLine($"wrote {dataset.Records.Count} PNGs to {parse.GetValue(output)}");
        }));
        return command;
    }

    private static Command Sheet()
    {
        var dir = DirArgument();
        var output = OutOption("Folder for sheet-<digit>.png and its tile index sheet-<digit>.txt");
        var zoom = new Option<int>("--zoom")
        {
            Description = "Pixel size of each image pixel (default 1)",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("sheet",
            "One contact-sheet PNG per digit (every sample, white on black, " + ContactSheet.Columns +
            " per row) with an index of tile -> file, for reviewing and writing a cleaning list.");
        command.Arguments.Add(dir);
        command.Options.Add(output);
        command.Options.Add(zoom);
        command.SetAction(parse => Run(parse, "sheet", console =>
        {
            foreach (var png in ContactSheet.Write(parse.GetValue(dir)!, parse.GetValue(output)!, parse.GetValue(zoom)))
            {
                console.WriteLine($"wrote {png}");
            }
        }));
        return command;
    }

    private static Command Clean()
    {
        var dir = DirArgument();
        var list = new Option<string>("--list")
        {
            Description = "Reviewed list: lines \"remove 3/x.dat\" or \"relabel 3/x.dat 5\" ('#' comments)",
            Required = true,
        };
        var command = new Command("clean",
            "Apply a reviewed removal/relabel list by moving files into DIR/quarantine (never deleting); " +
            "the whole list is checked before anything moves.");
        command.Arguments.Add(dir);
        command.Options.Add(list);
        command.SetAction(parse => Run(parse, "clean", console =>
        {
            var listFile = parse.GetValue(list)!;
            var entries = CleaningList.Parse(listFile);
            var done = CleaningList.Apply(parse.GetValue(dir)!, entries, listFile);
            foreach (var line in done)
            {
                console.WriteLine(line);
            }

            console.WriteLine($"{done.Count} changes applied");
        }));
        return command;
    }

    private static Command Balance()
    {
        var dir = DirArgument();
        var perDigit = new Option<int>("--per-digit")
        {
            Description = "Samples to take of every digit",
            Required = true,
        };
        var output = OutOption("Folder to copy the chosen samples to");
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the deterministic choice (default 1)",
            DefaultValueFactory = _ => 1UL,
        };
        var command = new Command("balance",
            "Copy exactly N samples of every digit, chosen by a seeded shuffle; fails (writing nothing) " +
            "naming each digit with fewer than N.");
        command.Arguments.Add(dir);
        command.Options.Add(perDigit);
        command.Options.Add(output);
        command.Options.Add(seed);
        command.SetAction(parse => Run(parse, "balance", console =>
        {
            var chosen = DatasetBalance.Choose(parse.GetValue(dir)!, parse.GetValue(perDigit), parse.GetValue(seed));
            DatasetBalance.Copy(parse.GetValue(dir)!, chosen, parse.GetValue(output)!);
            console.WriteLine($"copied {chosen.Count} samples ({parse.GetValue(perDigit)} per digit) to {parse.GetValue(output)}");
        }));
        return command;
    }

    private static Command Split()
    {
        var dir = DirArgument();
        var by = new Option<string>("--by")
        {
            Description = "Keep each writer's (or session's) samples on one side",
            Required = true,
        };
        by.AcceptOnlyFromAmong("writer", "session");
        var ratio = new Option<double>("--ratio")
        {
            Description = "Training fraction of the samples, e.g. 0.8",
            Required = true,
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the deterministic group order (default 1)",
            DefaultValueFactory = _ => 1UL,
        };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Folder for train.txt and val.txt (default: DIR)",
        };
        var command = new Command("split",
            "Deterministic train/validation split by writer or session: writes train.txt and val.txt " +
            "listing sample paths relative to DIR.");
        command.Arguments.Add(dir);
        command.Options.Add(by);
        command.Options.Add(ratio);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.SetAction(parse => Run(parse, "split", console =>
        {
            var splitBy = parse.GetValue(by) == "session" ? SplitBy.Session : SplitBy.Writer;
            var folder = parse.GetValue(dir)!;
            var split = DatasetSplit.Compute(folder, splitBy, parse.GetValue(ratio), parse.GetValue(seed));
            var (train, val) = DatasetSplit.Write(split, parse.GetValue(output) ?? folder, splitBy,
                parse.GetValue(ratio), parse.GetValue(seed));
            console.WriteLine($"train: {split.Train.Count} samples from {split.TrainGroups.Count} groups -> {train}");
            console.WriteLine($"val:   {split.Val.Count} samples from {split.ValGroups.Count} groups -> {val}");
            console.WriteLine($"val groups: {string.Join(' ', split.ValGroups)}");
        }));
        return command;
    }

    private static Command CreateBenchPreprocess()
    {
        var count = new Option<int>("--digits")
        {
            Description = "How many digits to cycle through (default 500)",
            DefaultValueFactory = _ => 500,
        };
        var rounds = new Option<int>("--rounds")
        {
            Description = "Passes over the digits after warm-up (default 20)",
            DefaultValueFactory = _ => 20,
        };
        var command = new Command("preprocess",
            "Host cost of the managed per-digit path after warm-up: microseconds and GC bytes allocated per digit " +
            "for capture+preprocessing, preprocessing alone and the bitmap reframe (pendigits strokes when ../shared exists).");
        command.Options.Add(count);
        command.Options.Add(rounds);
        command.SetAction(parse => Run(parse, "bench preprocess", console =>
        {
            var n = parse.GetValue(count);
            var r = parse.GetValue(rounds);
            if (n < 1 || r < 1)
            {
                throw new DatasetException("--digits and --rounds must be at least 1");
            }

            var layout = RepoLayout.Locate();
            var pendigits = Path.Combine(layout.SharedDir, "data", "pendigits", "pendigits-orig.tra");
            if (!File.Exists(pendigits))
            {
                throw new DatasetException($"needs the pendigits strokes: {pendigits} is missing");
            }

            var replay = new PenReplay(TouchScreen.Rt1060);
            var digits = UnipenReader.Read(pendigits).Take(n).Select(d => replay.Replay(d.Strokes).Strokes).ToList();
            var result = PreprocessBenchmark.Run(digits, $"first {digits.Count} pendigits digits replayed in a 100x120 box", r);
            console.WriteLine($"inputs: {result.Inputs}, {result.MeanPoints:F1} touch points per digit on average; " +
                              $"{r} rounds after warm-up; {PreprocessParams.Describe()}");
            var table = new TextTable("stage", ">digits", ">wall us/digit", ">cpu us/digit", ">bytes allocated/digit");
            foreach (var figure in result.Figures)
            {
                table.Add(figure.Stage, Text(figure.Digits), figure.MicrosecondsPerDigit.ToString("F2", CultureInfo.InvariantCulture),
                    figure.CpuMicrosecondsPerDigit.ToString("F2", CultureInfo.InvariantCulture),
                    figure.AllocatedBytesPerDigit.ToString("F2", CultureInfo.InvariantCulture));
            }

            table.WriteTo(console);
        }));
        return command;
    }

    private static int Run(ParseResult parse, string name, Action<TextWriter> action)
    {
        try
        {
            action(parse.InvocationConfiguration.Output);
            return 0;
        }
        catch (Exception e) when (e is DatasetException or DatFormatException or FormatException
                                      || CommandFailure.IsUserFacing(e))
        {
            parse.InvocationConfiguration.Error.WriteLine($"dataset {name}: {e.Message}".Replace("dataset bench", "bench"));
            return 1;
        }
    }

    private static (int Width, int Height) ParseBox(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], out var w) && int.TryParse(parts[1], out var h)
            && w is >= 20 and <= 2000 && h is >= 20 and <= 2000)
        {
            return (w, h);
        }

        throw new DatasetException($"--box must be WxH with sides 20..2000 pixels, got \"{text}\"");
    }

    private static byte[] Zoom(byte[] image, int zoom)
    {
        if (zoom == 1)
        {
            return image;
        }

        var size = 28 * zoom;
        var pixels = new byte[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                pixels[y * size + x] = image[(y / zoom) * 28 + x / zoom];
            }
        }

        return pixels;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
