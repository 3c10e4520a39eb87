namespace DigitLock.Data;

/// <summary>
/// SplitMix64: a seeded generator whose sequence is fixed by this code, not by the runtime's
/// Random implementation, so a balance or split made today is reproducible on any .NET.
/// </summary>
public sealed class StableRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound).</summary>
    public int Below(int bound) => (int)(Next() % (ulong)bound);

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Below(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A stable 64-bit hash of a text (FNV-1a), to order groups by seed without a runtime-dependent hash.</summary>
    public static ulong Hash(string text, ulong seed)
    {
        var hash = 0xCBF29CE484222325UL ^ seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return new StableRandom(hash).Next();
    }
}
