using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DigitLock.Training.Core;

/// <summary>
/// The one matrix multiply every layer uses: C[rows, cols] (+)= A · B with B[inner, cols] and C row-major.
/// A is read through two strides so the same kernel computes A·B (a[i*inner + p]) and Aᵀ·B (a[p*rows + i]),
/// which is what forward (col·W), weight gradients (colᵀ·dY) and input gradients (dY·Wᵀ) need.
/// Tiles of 4 rows x 16 columns stay in registers for the whole inner loop, so B (the weights, a few KB)
/// is streamed from L1 and C is written once; with AVX-512's 32 registers, 24-column products (the
/// 24-filter conv) take 8 rows per tile.
/// Numerics: every C element is one chain over the inner index in order, fused multiply-add in the
/// columns below the last multiple of 8 and a separately rounded multiply and add in the tail (cols % 8).
/// Every tile keeps that, so the result does not depend on how rows and columns are tiled or split into
/// calls (a call with accumulate continues the chain exactly); TrainerGoldenTests checks it bit for bit.
/// </summary>
public static unsafe class Gemm
{
    // Hot from the first batch on: compiled fully optimized at once instead of first as slow tier-0 code
    // (noticeable in short runs such as `bench train`).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            if (cols == 24 && Vector256.IsHardwareAccelerated && Avx512F.VL.IsSupported)
            {
                for (; i + 8 <= rows; i += 8)
                {
                    Tile8x24(pa + i * aRowStride, aRowStride, aInnerStride, pb, pc + i * cols, inner, accumulate);
                }
            }

            for (; i + 4 <= rows; i += 4)
            {
                var j = 0;
                if (Vector256.IsHardwareAccelerated)
                {
                    if (cols == 24)
                    {
                        // 24 filters: one 4x24 tile instead of 4x16 + 4x8, whose 4 accumulators alone cannot
                        // hide the FMA latency (measured: faster for the 24-filter conv; slower as the first
                        // tile of wider matrices, so only here).
                        Tile4x24(pa + i * aRowStride, aRowStride, aInnerStride, pb, cols, pc + i * cols, cols, inner, accumulate);
                        j = 24;
                    }
                    else if (cols == 12 && Vector128.IsHardwareAccelerated)
                    {
                        // 12 filters (the first conv): 4x8 and 4x4 in one pass, 8 accumulators in flight.
                        Tile4x12(pa + i * aRowStride, aRowStride, aInnerStride, pb, cols, pc + i * cols, cols, inner, accumulate);
                        j = 12;
                    }

                    for (; j + 16 <= cols; j += 16)
                    {
                        Tile4x16(pa + i * aRowStride, aRowStride, aInnerStride, pb + j, cols, pc + i * cols + j, cols, inner, accumulate);
                    }

                    for (; j + 8 <= cols; j += 8)
                    {
                        Tile4x8(pa + i * aRowStride, aRowStride, aInnerStride, pb + j, cols, pc + i * cols + j, cols, inner, accumulate);
                    }
                }

                if (Vector128.IsHardwareAccelerated)
                {
                    for (; j + 4 <= cols; j += 4)
                    {
                        Tile4x4Unfused(pa + i * aRowStride, aRowStride, aInnerStride, pb + j, cols, pc + i * cols + j, cols, inner, accumulate);
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

                if (Vector128.IsHardwareAccelerated)
                {
                    for (; j + 4 <= cols; j += 4)
                    {
                        Tile1x4Unfused(pa + i * aRowStride, aInnerStride, pb + j, cols, pc + i * cols + j, inner, accumulate);
                    }
                }

                ScalarColumns(pa + i * aRowStride, aInnerStride, pb, cols, pc + i * cols, j, cols, inner, accumulate);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Fmadd(Vector256<float> x, Vector256<float> y, Vector256<float> acc) =>
        Fma.IsSupported ? Fma.MultiplyAdd(x, y, acc) : acc + x * y;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x24(float* a, int rs, int ins, float* b, int ldb, float* c, int ldc, int inner, bool accumulate)
    {
        Vector256<float> c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        if (accumulate)
        {
            c00 = Vector256.Load(c); c01 = Vector256.Load(c + 8); c02 = Vector256.Load(c + 16);
            c10 = Vector256.Load(c + ldc); c11 = Vector256.Load(c + ldc + 8); c12 = Vector256.Load(c + ldc + 16);
            c20 = Vector256.Load(c + 2 * ldc); c21 = Vector256.Load(c + 2 * ldc + 8); c22 = Vector256.Load(c + 2 * ldc + 16);
            c30 = Vector256.Load(c + 3 * ldc); c31 = Vector256.Load(c + 3 * ldc + 8); c32 = Vector256.Load(c + 3 * ldc + 16);
        }
        else
        {
            c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = Vector256<float>.Zero;
        }

        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs;
        for (var p = 0; p < inner; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var b2 = Vector256.Load(b + 16);
            var x = Vector256.Create(*a0);
            c00 = Fmadd(x, b0, c00); c01 = Fmadd(x, b1, c01); c02 = Fmadd(x, b2, c02);
            x = Vector256.Create(*a1);
            c10 = Fmadd(x, b0, c10); c11 = Fmadd(x, b1, c11); c12 = Fmadd(x, b2, c12);
            x = Vector256.Create(*a2);
            c20 = Fmadd(x, b0, c20); c21 = Fmadd(x, b1, c21); c22 = Fmadd(x, b2, c22);
            x = Vector256.Create(*a3);
            c30 = Fmadd(x, b0, c30); c31 = Fmadd(x, b1, c31); c32 = Fmadd(x, b2, c32);
            a0 += ins; a1 += ins; a2 += ins; a3 += ins;
            b += ldb;
        }

        c00.Store(c); c01.Store(c + 8); c02.Store(c + 16);
        c10.Store(c + ldc); c11.Store(c + ldc + 8); c12.Store(c + ldc + 16);
        c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 8); c22.Store(c + 2 * ldc + 16);
        c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 8); c32.Store(c + 3 * ldc + 16);
    }

    /// <summary>
    /// 8 rows x 24 columns: 24 accumulators, which only fit in registers with AVX-512's 32 vector registers
    /// (the JIT uses them for 256-bit vectors too); each B row loaded serves 8 rows instead of 4.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x24(float* a, int rs, int ins, float* b, float* c, int inner, bool accumulate)
    {
        const int ldc = 24;
        Vector256<float> c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        Vector256<float> c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        if (accumulate)
        {
            c00 = Vector256.Load(c); c01 = Vector256.Load(c + 8); c02 = Vector256.Load(c + 16);
            c10 = Vector256.Load(c + ldc); c11 = Vector256.Load(c + ldc + 8); c12 = Vector256.Load(c + ldc + 16);
            c20 = Vector256.Load(c + 2 * ldc); c21 = Vector256.Load(c + 2 * ldc + 8); c22 = Vector256.Load(c + 2 * ldc + 16);
            c30 = Vector256.Load(c + 3 * ldc); c31 = Vector256.Load(c + 3 * ldc + 8); c32 = Vector256.Load(c + 3 * ldc + 16);
            c40 = Vector256.Load(c + 4 * ldc); c41 = Vector256.Load(c + 4 * ldc + 8); c42 = Vector256.Load(c + 4 * ldc + 16);
            c50 = Vector256.Load(c + 5 * ldc); c51 = Vector256.Load(c + 5 * ldc + 8); c52 = Vector256.Load(c + 5 * ldc + 16);
            c60 = Vector256.Load(c + 6 * ldc); c61 = Vector256.Load(c + 6 * ldc + 8); c62 = Vector256.Load(c + 6 * ldc + 16);
            c70 = Vector256.Load(c + 7 * ldc); c71 = Vector256.Load(c + 7 * ldc + 8); c72 = Vector256.Load(c + 7 * ldc + 16);
        }
        else
        {
            c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = Vector256<float>.Zero;
            c40 = c41 = c42 = c50 = c51 = c52 = c60 = c61 = c62 = c70 = c71 = c72 = Vector256<float>.Zero;
        }

        for (var p = 0; p < inner; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var b2 = Vector256.Load(b + 16);
            var x = Vector256.Create(a[0]);
            c00 = Fmadd(x, b0, c00); c01 = Fmadd(x, b1, c01); c02 = Fmadd(x, b2, c02);
            x = Vector256.Create(a[rs]);
            c10 = Fmadd(x, b0, c10); c11 = Fmadd(x, b1, c11); c12 = Fmadd(x, b2, c12);
            x = Vector256.Create(a[2 * rs]);
            c20 = Fmadd(x, b0, c20); c21 = Fmadd(x, b1, c21); c22 = Fmadd(x, b2, c22);
            x = Vector256.Create(a[3 * rs]);
            c30 = Fmadd(x, b0, c30); c31 = Fmadd(x, b1, c31); c32 = Fmadd(x, b2, c32);
            x = Vector256.Create(a[4 * rs]);
            c40 = Fmadd(x, b0, c40); c41 = Fmadd(x, b1, c41); c42 = Fmadd(x, b2, c42);
            x = Vector256.Create(a[5 * rs]);
            c50 = Fmadd(x, b0, c50); c51 = Fmadd(x, b1, c51); c52 = Fmadd(x, b2, c52);
            x = Vector256.Create(a[6 * rs]);
            c60 = Fmadd(x, b0, c60); c61 = Fmadd(x, b1, c61); c62 = Fmadd(x, b2, c62);
            x = Vector256.Create(a[7 * rs]);
            c70 = Fmadd(x, b0, c70); c71 = Fmadd(x, b1, c71); c72 = Fmadd(x, b2, c72);
            a += ins;
            b += ldc;
        }

        c00.Store(c); c01.Store(c + 8); c02.Store(c + 16);
        c10.Store(c + ldc); c11.Store(c + ldc + 8); c12.Store(c + ldc + 16);
        c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 8); c22.Store(c + 2 * ldc + 16);
        c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 8); c32.Store(c + 3 * ldc + 16);
        c40.Store(c + 4 * ldc); c41.Store(c + 4 * ldc + 8); c42.Store(c + 4 * ldc + 16);
        c50.Store(c + 5 * ldc); c51.Store(c + 5 * ldc + 8); c52.Store(c + 5 * ldc + 16);
        c60.Store(c + 6 * ldc); c61.Store(c + 6 * ldc + 8); c62.Store(c + 6 * ldc + 16);
        c70.Store(c + 7 * ldc); c71.Store(c + 7 * ldc + 8); c72.Store(c + 7 * ldc + 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    // The column tail (cols % 8) has always been summed as separate multiply and add, each rounded (the
    // scalar loop below): these 4-wide tiles keep exactly that, so results stay bit-identical to it.
    // Do not turn them into FMA: that would change the trained weights (TrainerGoldenTests).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4Unfused(float* a, int rs, int ins, float* b, int ldb, float* c, int ldc, int inner, bool accumulate)
    {
        Vector128<float> c0, c1, c2, c3;
        if (accumulate)
        {
            c0 = Vector128.Load(c); c1 = Vector128.Load(c + ldc);
            c2 = Vector128.Load(c + 2 * ldc); c3 = Vector128.Load(c + 3 * ldc);
        }
        else
        {
            c0 = c1 = c2 = c3 = Vector128<float>.Zero;
        }

        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs;
        for (var p = 0; p < inner; p++)
        {
            var b0 = Vector128.Load(b);
            c0 += Vector128.Create(*a0) * b0;
            c1 += Vector128.Create(*a1) * b0;
            c2 += Vector128.Create(*a2) * b0;
            c3 += Vector128.Create(*a3) * b0;
            a0 += ins; a1 += ins; a2 += ins; a3 += ins;
            b += ldb;
        }

        c0.Store(c); c1.Store(c + ldc); c2.Store(c + 2 * ldc); c3.Store(c + 3 * ldc);
    }

    /// <summary>Columns 0-7 as <see cref="Tile4x8"/> (FMA), columns 8-11 as <see cref="Tile4x4Unfused"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x12(float* a, int rs, int ins, float* b, int ldb, float* c, int ldc, int inner, bool accumulate)
    {
        Vector256<float> c0, c1, c2, c3;
        Vector128<float> d0, d1, d2, d3;
        if (accumulate)
        {
            c0 = Vector256.Load(c); c1 = Vector256.Load(c + ldc);
            c2 = Vector256.Load(c + 2 * ldc); c3 = Vector256.Load(c + 3 * ldc);
            d0 = Vector128.Load(c + 8); d1 = Vector128.Load(c + ldc + 8);
            d2 = Vector128.Load(c + 2 * ldc + 8); d3 = Vector128.Load(c + 3 * ldc + 8);
        }
        else
        {
            c0 = c1 = c2 = c3 = Vector256<float>.Zero;
            d0 = d1 = d2 = d3 = Vector128<float>.Zero;
        }

        float* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs;
        for (var p = 0; p < inner; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector128.Load(b + 8);
            float x0 = *a0, x1 = *a1, x2 = *a2, x3 = *a3;
            c0 = Fmadd(Vector256.Create(x0), b0, c0);
            c1 = Fmadd(Vector256.Create(x1), b0, c1);
            c2 = Fmadd(Vector256.Create(x2), b0, c2);
            c3 = Fmadd(Vector256.Create(x3), b0, c3);
            d0 += Vector128.Create(x0) * b1;
            d1 += Vector128.Create(x1) * b1;
            d2 += Vector128.Create(x2) * b1;
            d3 += Vector128.Create(x3) * b1;
            a0 += ins; a1 += ins; a2 += ins; a3 += ins;
            b += ldb;
        }

        c0.Store(c); c1.Store(c + ldc); c2.Store(c + 2 * ldc); c3.Store(c + 3 * ldc);
        d0.Store(c + 8); d1.Store(c + ldc + 8); d2.Store(c + 2 * ldc + 8); d3.Store(c + 3 * ldc + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x4Unfused(float* a, int ins, float* b, int ldb, float* c, int inner, bool accumulate)
    {
        var acc = accumulate ? Vector128.Load(c) : Vector128<float>.Zero;
        for (var p = 0; p < inner; p++)
        {
            acc += Vector128.Create(*a) * Vector128.Load(b);
            a += ins;
            b += ldb;
        }

        acc.Store(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
