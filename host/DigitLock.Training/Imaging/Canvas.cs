namespace DigitLock.Training.Imaging;

/// <summary>An RGB picture to draw report images on, with a 3x5 pixel font for digits.</summary>
public sealed class Canvas
{
    // Rows of 3 bits, top to bottom, for '0'..'9' and '>'.
    private static readonly Dictionary<char, int[]> Glyphs = new()
    {
        ['0'] = [7, 5, 5, 5, 7], ['1'] = [2, 6, 2, 2, 7], ['2'] = [7, 1, 7, 4, 7], ['3'] = [7, 1, 7, 1, 7],
        ['4'] = [5, 5, 7, 1, 1], ['5'] = [7, 4, 7, 1, 7], ['6'] = [7, 4, 7, 5, 7], ['7'] = [7, 1, 1, 1, 1],
        ['8'] = [7, 5, 7, 5, 7], ['9'] = [7, 5, 7, 1, 7], ['>'] = [4, 2, 1, 2, 4],
    };

    public Canvas(int width, int height, (byte R, byte G, byte B) background)
    {
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
        Fill(0, 0, width, height, background);
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    public void Fill(int x, int y, int w, int h, (byte R, byte G, byte B) color)
    {
        for (var yy = Math.Max(0, y); yy < Math.Min(Height, y + h); yy++)
        {
            for (var xx = Math.Max(0, x); xx < Math.Min(Width, x + w); xx++)
            {
                var p = (yy * Width + xx) * 3;
                (Pixels[p], Pixels[p + 1], Pixels[p + 2]) = color;
            }
        }
    }

    /// <summary>Draws characters that have a glyph (digits and '>'), each cell 4*scale wide.</summary>
    public void Text(int x, int y, string text, int scale, (byte R, byte G, byte B) color)
    {
        foreach (var ch in text)
        {
            if (Glyphs.TryGetValue(ch, out var rows))
            {
                for (var r = 0; r < 5; r++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        if ((rows[r] & (4 >> c)) != 0)
                        {
                            Fill(x + c * scale, y + r * scale, scale, scale, color);
                        }
                    }
                }
            }

            x += 4 * scale;
        }
    }

    /// <summary>A gray image, each pixel drawn as a scale x scale block.</summary>
    public void Gray(int x, int y, ReadOnlySpan<byte> image, int side, int scale)
    {
        for (var r = 0; r < side; r++)
        {
            for (var c = 0; c < side; c++)
            {
                var v = image[r * side + c];
                Fill(x + c * scale, y + r * scale, scale, scale, (v, v, v));
            }
        }
    }

    public byte[] ToPng() => PngCodec.Encode(new Bitmap(Width, Height, 3, Pixels));
}
