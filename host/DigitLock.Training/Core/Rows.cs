using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DigitLock.Training.Core;

/// <summary>
/// Row-wise helpers for row-major [rows, cols] buffers, written for the short rows of this network
/// (10-32 channels) where a library call per row costs more than the arithmetic. Every element is
/// computed with the same operations in the same order as a plain loop would, so the results are the
/// same bits; only the lanes are done side by side.
/// </summary>
public static unsafe class Rows
{
    /// <summary>Every row of <paramref name="matrix"/> = <paramref name="row"/> (bias before the matrix multiply adds to it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Broadcast(ReadOnlySpan<float> row, Span<float> matrix, int rows)
    {
        if (rows == 0)
        {
            return;
        }

        // Doubling copies: log2(rows) block copies instead of one short copy per row.
        var cols = row.Length;
        matrix = matrix[..(rows * cols)];
        row.CopyTo(matrix);
        for (var done = 1; done < rows; done *= 2)
        {
            var count = Math.Min(done, rows - done) * cols;
            matrix[..count].CopyTo(matrix.Slice(done * cols, count));
        }
    }

    /// <summary>sums[j] += matrix[0, j] + matrix[1, j] + ... in row order (bias gradients).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SumInto(ReadOnlySpan<float> matrix, int rows, Span<float> sums)
    {
        var cols = sums.Length;
        fixed (float* pm = matrix[..(rows * cols)])
        fixed (float* ps = sums)
        {
            var j = 0;
            for (; Vector256.IsHardwareAccelerated && j + 8 <= cols; j += 8)
            {
                var acc = Vector256.Load(ps + j);
                for (var r = 0; r < rows; r++)
                {
                    acc += Vector256.Load(pm + r * cols + j);
                }

                acc.Store(ps + j);
            }

            for (; Vector128.IsHardwareAccelerated && j + 4 <= cols; j += 4)
            {
                var acc = Vector128.Load(ps + j);
                for (var r = 0; r < rows; r++)
                {
                    acc += Vector128.Load(pm + r * cols + j);
                }

                acc.Store(ps + j);
            }

            for (; j < cols; j++)
            {
                var acc = ps[j];
                for (var r = 0; r < rows; r++)
                {
                    acc += pm[r * cols + j];
                }

                ps[j] = acc;
            }
        }
    }

    /// <summary>target[i] = source[i] for i &lt; count (short runs, where CopyTo's call dominates).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(float* target, float* source, int count)
    {
        var i = 0;
        for (; Vector256.IsHardwareAccelerated && i + 8 <= count; i += 8)
        {
            Vector256.Load(source + i).Store(target + i);
        }

        for (; i < count; i++)
        {
            target[i] = source[i];
        }
    }

    /// <summary>target[i] += source[i] for i &lt; count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(float* target, float* source, int count)
    {
        var i = 0;
        for (; Vector256.IsHardwareAccelerated && i + 8 <= count; i += 8)
        {
            (Vector256.Load(target + i) + Vector256.Load(source + i)).Store(target + i);
        }

        for (; Vector128.IsHardwareAccelerated && i + 4 <= count; i += 4)
        {
            (Vector128.Load(target + i) + Vector128.Load(source + i)).Store(target + i);
        }

        for (; i < count; i++)
        {
            target[i] += source[i];
        }
    }
}
