namespace DigitLock.Cli.Flashing;

/// <summary>
/// Deploys a managed app with nanoff over the nanoFramework wire protocol:
/// `nanoff --nanodevice --deploy --serialport PORT --image FILE` (nanoFirmwareFlasher README,
/// "Deploy a managed application" under nano devices). With --nanodevice, nanoff asks the running
/// nanoCLR for its deployment region (NanoDeviceOperations.DeployApplication uses
/// GetDeploymentStartAddress), so no --address is given; --address is for the ESP32/STM32 paths.
/// </summary>
public static class NanoffDeployer
{
    public const string ToolName = "nanoff";

    public const string InstallHint =
        "install it with `dotnet tool install -g nanoff` (and make sure ~/.dotnet/tools is on PATH)";

    public static IReadOnlyList<string> Arguments(string port, string image) =>
        new[] { "--nanodevice", "--deploy", "--serialport", port, "--image", image };

    public static ExternalTool Locate(string searchPath) =>
        ExternalTool.Find(ToolName, searchPath)
        ?? throw new FileNotFoundException($"nanoff not found on PATH; {InstallHint}");

    public static void Deploy(ExternalTool nanoff, string port, string image, TimeSpan timeout, TextWriter output, TextWriter error)
    {
        var arguments = Arguments(port, image);
        output.WriteLine($"{nanoff.Path} {string.Join(' ', arguments)}");
        int exit = nanoff.Run(arguments, output, error, timeout);
        if (exit != 0)
        {
            throw new InvalidDataException(
                $"nanoff deploy failed (exit code {exit}); its messages are above. Is the board running a nanoCLR on {port}?");
        }
    }
}
