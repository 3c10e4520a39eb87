using DigitLock.Core.Tests.LockFakes;
using DigitLock.Core.Ui;

namespace DigitLock.Core.Tests.Ui;

public class DrawingTests
{
    [Fact]
    public void Every_glyph_is_distinct_and_fits_five_columns()
    {
        var seen = new HashSet<string>();
        for (int g = 0; g < Font5x7.GlyphCount; g++)
        {
            var rows = Enumerable.Range(0, Font5x7.GlyphHeight).Select(r => Font5x7.RowBits(g, r)).ToArray();
            Assert.All(rows, r => Assert.InRange(r, 0, 31));
            Assert.True(rows.Any(r => r != 0), $"glyph {g} is empty");
            Assert.True(seen.Add(string.Join(",", rows)), $"glyph {g} duplicates another");
        }
    }

    [Fact]
    public void Lower_case_draws_as_upper_case_and_unknown_characters_as_blanks()
    {
        Assert.Equal(Font5x7.GlyphIndex('A'), Font5x7.GlyphIndex('a'));
        Assert.Equal(-1, Font5x7.GlyphIndex(' '));
        Assert.Equal(-1, Font5x7.GlyphIndex('~'));
        Assert.Equal(3 * 6 * 2 - 2, Font5x7.TextWidth("ABC", 2));
    }

    [Fact]
    public void Fill_clips_to_the_panel_and_flush_covers_only_what_changed()
    {
        var display = new FakeDisplay(200, 150);
        var canvas = new Canvas(display);
        canvas.FillRect(-10, -10, 30, 20, 0x1234);
        Assert.Equal(0x1234, canvas.GetPixel(0, 0));
        Assert.Equal(0x1234, canvas.GetPixel(19, 9));
        Assert.Equal(0, canvas.GetPixel(20, 9));
        Assert.Equal(0, canvas.GetPixel(19, 10));
        canvas.FillRect(190, 140, 50, 50, 0x4321);
        Assert.Equal(0x4321, canvas.GetPixel(199, 149));
        canvas.Flush();
        Assert.Equal(1, display.Flushes);
        canvas.Flush();
        Assert.Equal(1, display.Flushes); // nothing new to push
    }

    [Fact]
    public void Text_sets_exactly_the_glyph_pixels()
    {
        var display = new FakeDisplay(200, 150);
        var canvas = new Canvas(display);
        canvas.DrawText("1", 10, 20, 3, 0xFFFF);
        int glyph = Font5x7.GlyphIndex('1');
        for (int row = 0; row < 7; row++)
        {
            for (int col = 0; col < 5; col++)
            {
                bool on = (Font5x7.RowBits(glyph, row) & (0x10 >> col)) != 0;
                for (int dy = 0; dy < 3; dy++)
                {
                    for (int dx = 0; dx < 3; dx++)
                    {
                        Assert.Equal(on ? 0xFFFF : 0, canvas.GetPixel(10 + col * 3 + dx, 20 + row * 3 + dy));
                    }
                }
            }
        }
    }

    [Fact]
    public void Pen_line_is_continuous_and_as_thick_as_the_pen()
    {
        var display = new FakeDisplay(200, 150);
        var canvas = new Canvas(display);
        canvas.DrawLine(10, 10, 110, 60, 2, 0xFFFF);
        for (int x = 10; x <= 110; x++)
        {
            int column = Enumerable.Range(0, 150).Count(y => canvas.GetPixel(x, y) == 0xFFFF);
            Assert.InRange(column, 3, 7);
        }
    }

    [Theory]
    [InlineData(480, 272)]
    [InlineData(320, 240)]
    public void Writing_boxes_fit_the_content_area_for_every_pin_length(int width, int height)
    {
        var layout = new ScreenLayout(width, height);
        for (int count = 4; count <= 8; count++)
        {
            var boxes = layout.WritingBoxes(count, layout.Content);
            Assert.Equal(count, boxes.Length);
            foreach (var box in boxes)
            {
                Assert.True(box.X >= layout.Content.X && box.Right <= layout.Content.Right
                    && box.Y >= layout.Content.Y && box.Bottom <= layout.Content.Bottom, $"{count} boxes: {box} outside {layout.Content}");
                Assert.True(box.Width >= ScreenLayout.MinBoxWidth, $"{count} boxes on {width}: {box.Width} px wide");
                Assert.True(box.Height >= box.Width && box.Height * 4 <= box.Width * 5, $"{box} is not upright");
            }

            // Reading order: left to right, then top to bottom.
            for (int i = 1; i < count; i++)
            {
                Assert.True(boxes[i].Y > boxes[i - 1].Y || (boxes[i].Y == boxes[i - 1].Y && boxes[i].X >= boxes[i - 1].Right),
                    $"box {i} {boxes[i]} not after {boxes[i - 1]}");
            }
        }
    }

    [Fact]
    public void Four_boxes_use_one_row_and_eight_wrap_on_the_small_panel()
    {
        var small = new ScreenLayout(320, 240);
        Assert.Single(small.WritingBoxes(4, small.Content).Select(b => b.Y).Distinct());
        Assert.Equal(2, small.WritingBoxes(8, small.Content).Select(b => b.Y).Distinct().Count());
        var large = new ScreenLayout(480, 272);
        Assert.Single(large.WritingBoxes(6, large.Content).Select(b => b.Y).Distinct());
    }

    [Fact]
    public void Bands_are_stacked_without_overlap()
    {
        foreach (var (w, h) in new[] { (480, 272), (320, 240) })
        {
            var l = new ScreenLayout(w, h);
            Assert.True(l.Title.Bottom <= l.Content.Y);
            Assert.True(l.Content.Bottom <= l.Status.Y);
            Assert.True(l.Status.Bottom <= l.ButtonBar.Y);
            Assert.True(l.ButtonBar.Bottom <= h);
            Assert.True(l.ButtonBar.Height >= 36, "buttons must be finger-sized");
        }
    }

    [Fact]
    public void Hit_testing_finds_enabled_buttons_and_boxes()
    {
        var view = new ScreenView("T", Rgb565.Text);
        var ok = view.AddButton(ButtonId.Ok, "OK", new Rect(100, 200, 50, 40));
        var back = view.AddButton(ButtonId.Back, "BACK", new Rect(160, 200, 50, 40));
        view.Boxes = [new BoxView(new Rect(10, 10, 60, 80)), new BoxView(new Rect(80, 10, 60, 80))];

        Assert.Same(ok, view.ButtonAt(100, 200));
        Assert.Same(ok, view.ButtonAt(149, 239));
        Assert.Null(view.ButtonAt(150, 239)); // the gap between buttons
        Assert.Same(back, view.ButtonAt(160, 220));
        back.Enabled = false;
        Assert.Null(view.ButtonAt(160, 220));
        Assert.Equal(1, view.BoxAt(80, 50));
        Assert.Equal(-1, view.BoxAt(75, 50));
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(59, "0:59")]
    [InlineData(61, "1:01")]
    [InlineData(3600, "1:00:00")]
    [InlineData(3725, "1:02:05")]
    public void Durations_read_like_a_clock(long seconds, string text)
    {
        Assert.Equal(text, DigitLockApp.FormatDuration(seconds));
    }
}
