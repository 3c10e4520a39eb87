using DigitLock.Core.Preprocessing;

namespace DigitLock.Training.Data;

/// <summary>
/// Another dataset seen through the device's crop/scale/centre stage (`evaluate --reframe`): pictures that
/// were framed some other way (a 28x28 from another app, a scan) are re-framed exactly as the board frames
/// its own digits, so a model is judged on the images it will really get. An image with no ink stays blank.
/// </summary>
public sealed class ReframedDataset : IDigitDataset
{
    private readonly IDigitDataset _source;
    private readonly byte[][] _images;

    public ReframedDataset(IDigitDataset source)
    {
        _source = source;
        _images = new byte[source.Count][];
        var reframer = new BitmapReframer();
        for (var i = 0; i < source.Count; i++)
        {
            var image = new byte[IDigitDataset.Pixels];
            reframer.Reframe(source.Image(i).ToArray(), IDigitDataset.Side, IDigitDataset.Side, darkInk: false, image);
            _images[i] = image;
        }
    }

    public string Name => _source.Name + " (reframed)";

    public int Count => _source.Count;

    public ReadOnlySpan<byte> Image(int index) => _images[index];

    public byte Label(int index) => _source.Label(index);

    public string Group(int index) => _source.Group(index);

    public string SampleName(int index) => _source.SampleName(index);
}
