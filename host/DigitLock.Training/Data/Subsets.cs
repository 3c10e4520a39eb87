using DigitLock.Training.Core;

namespace DigitLock.Training.Data;

/// <summary>Seeded ways to cut a dataset: balanced per-digit draws and train/validation splits.</summary>
public static class Subsets
{
    /// <summary>K samples of every digit, drawn at random; fails naming each digit that has fewer than K.</summary>
    public static DigitSet PerDigit(IDigitDataset data, int k, ulong seed)
    {
        if (k <= 0)
        {
            throw new ArgumentException("--per-digit must be positive");
        }

        var byDigit = ByDigit(data);
        var short_ = Enumerable.Range(0, 10).Where(d => byDigit[d].Count < k).ToList();
        if (short_.Count > 0)
        {
            throw new InvalidDataException(
                $"{data.Name}: --per-digit {k} needs {k} samples of each digit, but " +
                string.Join(", ", short_.Select(d => $"digit {d} has {byDigit[d].Count}")));
        }

        var rng = new Rng(seed);
        var chosen = new List<int>();
        foreach (var indices in byDigit)
        {
            var array = indices.ToArray();
            rng.Shuffle(array);
            chosen.AddRange(array.Take(k));
        }

        chosen.Sort();
        return DigitSet.Select(data, chosen, $"{data.Name} ({k} per digit)");
    }

    /// <summary>
    /// Splits off about <paramref name="fraction"/> of the samples for validation. When the samples carry
    /// writer groups, whole writers go to one side, so validation measures unseen writers.
    /// </summary>
    public static (DigitSet Train, DigitSet Validation) Split(IDigitDataset data, double fraction, ulong seed)
    {
        var rng = new Rng(seed ^ 0x5EED);
        var groups = Enumerable.Range(0, data.Count).Select(data.Group).Distinct().Order(StringComparer.Ordinal).ToArray();
        var validation = new List<int>();
        var train = new List<int>();
        if (groups.Length >= 2 && !groups.Contains(""))
        {
            var order = Enumerable.Range(0, groups.Length).ToArray();
            rng.Shuffle(order);
            var count = Math.Clamp((int)Math.Round(groups.Length * fraction), 1, groups.Length - 1);
            var held = order.Take(count).Select(i => groups[i]).ToHashSet();
            for (var i = 0; i < data.Count; i++)
            {
                (held.Contains(data.Group(i)) ? validation : train).Add(i);
            }
        }
        else
        {
            var order = Enumerable.Range(0, data.Count).ToArray();
            rng.Shuffle(order);
            var count = (int)Math.Round(data.Count * fraction);
            validation.AddRange(order.Take(count).Order());
            train.AddRange(order.Skip(count).Order());
        }

        return (DigitSet.Select(data, train, validation.Count > 0 ? $"{data.Name} (training part)" : data.Name),
            DigitSet.Select(data, validation, $"{data.Name} (validation)"));
    }

    public static List<int>[] ByDigit(IDigitDataset data)
    {
        var byDigit = Enumerable.Range(0, 10).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < data.Count; i++)
        {
            byDigit[data.Label(i)].Add(i);
        }

        return byDigit;
    }

    /// <summary>The first n samples (for quick experiments).</summary>
    public static IDigitDataset Take(IDigitDataset data, int n) =>
        n >= data.Count ? data : DigitSet.Select(data, Enumerable.Range(0, n).ToArray(), data.Name);
}
