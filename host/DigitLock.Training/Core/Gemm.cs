using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DigitLock.Training.Core;

/// <summary>
/// The one matrix multiply every layer uses: C[rows, cols] (+)= A · B with B[inner, cols] and C row-major.
/// A is read through two strides so the same kernel computes A·B (a[i*inner + p]) and Aᵀ·B (a[p*rows + i]),
/// which is what forward (col·W), weight gradients (colᵀ·dY) and input gradients (dY·Wᵀ) need.
/// Tiles of 4 rows x 16 columns stay in registers for the whole inner loop, so B (the weights, a few KB)
/// is streamed from L1 and C is written once.
/// </summary>
public static unsafe class Gemm
{
    public static void Multiply(
        ReadOnlySpan<float> a, int aRowStride, int aInnerStride,
        ReadOnlySpan<float> b, Span<float> c, int rows, int inner, int cols, bool accumulate)
    {
        if (rows == 0 || cols == 0)
        {
            return;
        }

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var i = 0;
            for (; i + 4 <= rows; i += 4)
            {
                var j = 0;
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j + 16 <= cols; j += 16)
                    {
                        Tile4x16(pa + i * aRowStride, aRowStride, aInnerStride, pb + j, cols, pc + i * cols + j, cols, inner, accumulate);
                    }

                    for (; j + 8 <= cols; j += 8)
                    {
                        Tile4x8(pa + i * aRowStride, aRowStride, aInnerStride, pb + j, cols, pc + i * cols + j, cols, inner, accumulate);
                    }
                }

                for (var r = i; r < i + 4; r++)
                {
                    ScalarColumns(pa + r * aRowStride, aInnerStride, pb, cols, pc + r * cols, j, cols, inner, accumulate);
                }
            }

            for (; i < rows; i++)
            {
                var j = 0;
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j + 8 <= cols; j += 8)
                    {
                        Tile1x8(pa + i * aRowStride, aInnerStride, pb + j, cols, pc + i * cols + j, inner, accumulate);
                    }
                }

                ScalarColumns(pa + i * aRowStride, aInnerStride, pb, cols, pc + i * cols, j, cols, inner, accumulate);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fmadd(Vector256<float> x, Vector256<float> y, Vector256<float> acc) =>
        Fma.IsSupported ? Fma.MultiplyAdd(x, y, acc) : acc + x * y;

    private static void Tile4x16(float* a, int rs, int ins, float* b, int ldb, float* c, int ldc, int inner, bool accumulate)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31;
        if (accumulate)
        {
            c00 = Vector256.Load(c); c01 = Vector256.Load(c + 8);
            c10 = Vector256.Load(c + ldc); c11 = Vector256.Load(c + ldc + 8);
            c20 = Vector256.Load(c + 2 * ldc); c21 = Vector256.Load(c + 2 * ldc + 8);
            c30 = Vector256.Load(c + 3 * ldc); c31 = Vector256.Load(c + 3 * ldc + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector256<float>.Zero;
        }

        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs;
        for (var p = 0; p < inner; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var x = Vector256.Create(*a0);
            c00 = Fmadd(x, b0, c00); c01 = Fmadd(x, b1, c01);
            x = Vector256.Create(*a1);
            c10 = Fmadd(x, b0, c10); c11 = Fmadd(x, b1, c11);
            x = Vector256.Create(*a2);
            c20 = Fmadd(x, b0, c20); c21 = Fmadd(x, b1, c21);
            x = Vector256.Create(*a3);
            c30 = Fmadd(x, b0, c30); c31 = Fmadd(x, b1, c31);
            a0 += ins; a1 += ins; a2 += ins; a3 += ins;
            b += ldb;
        }

        c00.Store(c); c01.Store(c + 8);
        c10.Store(c + ldc); c11.Store(c + ldc + 8);
        c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 8);
        c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 8);
    }

    private static void Tile4x8(float* a, int rs, int ins, float* b, int ldb, float* c, int ldc, int inner, bool accumulate)
    {
        Vector256<float> c0, c1, c2, c3;
        if (accumulate)
        {
            c0 = Vector256.Load(c); c1 = Vector256.Load(c + ldc);
            c2 = Vector256.Load(c + 2 * ldc); c3 = Vector256.Load(c + 3 * ldc);
        }
        else
        {
            c0 = c1 = c2 = c3 = Vector256<float>.Zero;
        }

        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs;
        for (var p = 0; p < inner; p++)
        {
            var b0 = Vector256.Load(b);
            c0 = Fmadd(Vector256.Create(*a0), b0, c0);
            c1 = Fmadd(Vector256.Create(*a1), b0, c1);
            c2 = Fmadd(Vector256.Create(*a2), b0, c2);
            c3 = Fmadd(Vector256.Create(*a3), b0, c3);
            a0 += ins; a1 += ins; a2 += ins; a3 += ins;
            b += ldb;
        }

        c0.Store(c); c1.Store(c + ldc); c2.Store(c + 2 * ldc); c3.Store(c + 3 * ldc);
    }

    private static void Tile1x8(float* a, int ins, float* b, int ldb, float* c, int inner, bool accumulate)
    {
        var acc = accumulate ? Vector256.Load(c) : Vector256<float>.Zero;
        for (var p = 0; p < inner; p++)
        {
            acc = Fmadd(Vector256.Create(*a), Vector256.Load(b), acc);
            a += ins;
            b += ldb;
        }

        acc.Store(c);
    }

    private static void ScalarColumns(float* a, int ins, float* b, int ldb, float* c, int from, int to, int inner, bool accumulate)
    {
        for (var j = from; j < to; j++)
        {
            var sum = accumulate ? c[j] : 0f;
            var pa = a;
            for (var p = 0; p < inner; p++)
            {
                sum += *pa * b[p * ldb + j];
                pa += ins;
            }

            c[j] = sum;
        }
    }
}
