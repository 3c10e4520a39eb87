namespace DigitLock.Sim;

/// <summary>What the simulator copies from a real board: panel size and the touch controller's report rate.</summary>
public sealed record BoardProfile(string Name, string Description, int Width, int Height, int TouchRateHz, int MaxModelBytes)
{
    /// <summary>RK043FN02H-CT panel (480x272) with its FT5406 touch controller, reporting at about 60 Hz.</summary>
    public static readonly BoardProfile Rt1060Evk = new("rt1060-evk", "NXP i.MX RT1060 EVK", 480, 272, 60, 1024 * 1024);

    /// <summary>ILI9342C panel (320x240) with the FT6336U touch controller, reporting at about 60 Hz.</summary>
    public static readonly BoardProfile M5StackCore2 = new("m5stack-core2", "M5Stack Core2", 320, 240, 60, 512 * 1024);

    public static IReadOnlyList<BoardProfile> All { get; } = [Rt1060Evk, M5StackCore2];

    public static BoardProfile? Find(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
}
