using System.Diagnostics;

namespace DigitLock.Cli.Flashing;

/// <summary>
/// Drag-and-drop programming: copy the image onto the probe's drive, force it out of the page
/// cache, then wait for DAPLink to eject the drive and mount it again (it does so once it has
/// programmed the target), and read FAIL.TXT on the fresh mount.
/// </summary>
public sealed class DapLinkFlasher(TimeSpan pollInterval)
{
    public void Flash(DapLinkVolume volume, FirmwareImage image, TimeSpan timeout, TextWriter output)
    {
        var target = Path.Combine(volume.Path, image.ProbeFileName);
        output.WriteLine($"copying {image.Length} bytes to {target}");
        Copy(image.Path, target, output);
        output.WriteLine($"waiting for {volume.Label} to program the board and remount (up to {timeout.TotalSeconds:0} s)");
        WaitForRemount(volume, timeout);

        var failFile = Path.Combine(volume.Path, DapLinkVolume.FailFile);
        if (File.Exists(failFile))
        {
            throw new InvalidDataException($"{volume.Label}: the probe could not program the board: {OneLine(File.ReadAllText(failFile))}");
        }

        output.WriteLine($"{volume.Label}: programmed {image.ProbeFileName} ({image.Length} bytes); the probe remounted without {DapLinkVolume.FailFile}");
    }

    private static void Copy(string source, string target, TextWriter output)
    {
        using var input = File.OpenRead(source);
        FileStream copy;
        try
        {
            copy = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{target}: cannot write to the probe drive: {e.Message}");
        }

        try
        {
            input.CopyTo(copy);
        }
        catch (IOException e)
        {
            copy.Dispose();
            throw new IOException($"{target}: copy to the probe drive failed: {e.Message}");
        }

        // fsync, so the bytes reach the probe now rather than when the kernel gets round to it.
        // DAPLink may eject the drive as soon as it has the whole file, so a failing sync after
        // every byte was written is expected there; the remount and FAIL.TXT tell the outcome.
        try
        {
            copy.Flush(flushToDisk: true);
            copy.Dispose();
        }
        catch (IOException e)
        {
            output.WriteLine($"note: syncing {target} reported \"{e.Message}\" (the probe may already be ejecting)");
            try
            {
                copy.Dispose();
            }
            catch (IOException)
            {
            }
        }
    }

    private void WaitForRemount(DapLinkVolume before, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        bool ejected = false;
        while (true)
        {
            var now = DapLinkVolume.TryRead(before.Path);
            if (!ejected)
            {
                if (now == null)
                {
                    ejected = true;
                }
                else if (before.RemountCount != null && now.RemountCount != null && now.RemountCount != before.RemountCount)
                {
                    // Ejected and back between two looks: DAPLink counts its remounts.
                    return;
                }
            }
            else if (now != null)
            {
                return;
            }

            if (clock.Elapsed >= timeout)
            {
                throw new IOException(ejected
                    ? $"{before.Label} ejected but was not mounted again at {before.Path} within {timeout.TotalSeconds:0} s; " +
                      "check the board is still connected and removable drives are auto-mounted, then look for FAIL.TXT on the drive"
                    : $"{before.Label} did not eject within {timeout.TotalSeconds:0} s after the copy, so the probe did not take the image " +
                      "(is it a DAPLink drive in interface mode? give a longer --timeout for large images)");
            }

            Thread.Sleep(pollInterval);
        }
    }

    private static string OneLine(string text) =>
        string.Join("; ", text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
