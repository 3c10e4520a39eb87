namespace DigitLock.Cli;

/// <summary>
/// How every command turns a --model value into a file: "default" is the shipped model
/// (models/default.tflite in the checkout), anything else is a path.
/// </summary>
public static class ModelPath
{
    public const string DefaultName = "default";

    public static string Resolve(string value) => Resolve(value, layout: null);

    /// <param name="layout">The checkout "default" refers to; null = the one this program runs from.</param>
    public static string Resolve(string value, RepoLayout? layout)
    {
        if (value == DefaultName)
        {
            var root = layout ?? LocateCheckout();
            var shipped = Path.Combine(root.Root, "models", "default.tflite");
            if (!File.Exists(shipped))
            {
                throw new FileNotFoundException(
                    "no shipped model yet: models/default.tflite is missing (build it with ./digitlock build-model)",
                    shipped);
            }

            return shipped;
        }

        if (!File.Exists(value))
        {
            throw new FileNotFoundException($"{value}: model file not found", value);
        }

        return Path.GetFullPath(value);
    }

    private static RepoLayout LocateCheckout()
    {
        try
        {
            return RepoLayout.Locate();
        }
        catch (InvalidOperationException e)
        {
            throw new FileNotFoundException($"--model default needs the checkout: {e.Message}");
        }
    }
}
