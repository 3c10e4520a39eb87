using System;
using DigitLock.Core.Hardware;

namespace DigitLock.Core.Dataset
{
    /// <summary>
    /// Saves labelled samples the way the board lays them out on the SD card:
    /// <c>&lt;root&gt;/&lt;digit&gt;/&lt;boardId&gt;-&lt;number&gt;.dat</c>, one folder per digit 0..9,
    /// created on first use. Each file is written atomically, so a power cut loses at most the
    /// sample being saved, never an older one. Numbers continue after the highest already there.
    /// </summary>
    public sealed class SampleStore
    {
        private readonly IStorage _storage;
        private readonly string _root;
        private readonly string _prefix;
        private readonly int[] _next = new int[10];
        private readonly bool[] _ready = new bool[10];

        /// <param name="root">Folder holding the digit folders ("" for the card's top level).</param>
        /// <param name="boardId">Starts each file name, so cards from several boards can be merged.</param>
        public SampleStore(IStorage storage, string root, string boardId)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }

            if (root == null)
            {
                throw new ArgumentNullException("root");
            }

            if (!IsFileNamePart(boardId))
            {
                throw new ArgumentException("boardId must be letters, digits, '_' or '-'");
            }

            _storage = storage;
            _root = root;
            _prefix = boardId + "-";
        }

        /// <summary>The folder of one digit, e.g. "samples/7".</summary>
        public string DigitFolder(int digit)
        {
            return _root.Length == 0 ? digit.ToString() : _root + "/" + digit;
        }

        /// <summary>Saves under the next free number; returns the path written.</summary>
        public string Save(RecordedSample recorded)
        {
            int digit = LabelOf(recorded);
            Prepare(digit);
            string name = _prefix + Pad(_next[digit], 6) + ".dat";
            string path = Write(digit, name, recorded);
            _next[digit]++;
            return path;
        }

        /// <summary>Saves under a chosen file name (importers name files after their source).</summary>
        public string SaveAs(RecordedSample recorded, string fileName)
        {
            if (!IsFileNamePart(fileName.Length > 4 && fileName.EndsWith(".dat") ? fileName.Substring(0, fileName.Length - 4) : fileName)
                || !fileName.EndsWith(".dat"))
            {
                throw new ArgumentException("file name must be letters, digits, '_' or '-', ending in .dat");
            }

            int digit = LabelOf(recorded);
            Prepare(digit);
            return Write(digit, fileName, recorded);
        }

        private string Write(int digit, string name, RecordedSample recorded)
        {
            string path = DigitFolder(digit) + "/" + name;
            _storage.WriteAtomic(path, DatCodec.Encode(recorded));
            return path;
        }

        private static int LabelOf(RecordedSample recorded)
        {
            if (recorded == null)
            {
                throw new ArgumentNullException("recorded");
            }

            int digit = recorded.Sample.Label;
            if (digit < 0 || digit > 9)
            {
                throw new ArgumentException("only labelled samples are stored in the digit folders");
            }

            return digit;
        }

        private void Prepare(int digit)
        {
            if (_ready[digit])
            {
                return;
            }

            string folder = DigitFolder(digit);
            if (!_storage.Exists(folder))
            {
                _storage.CreateDirectory(folder);
            }

            int next = 0;
            string[] names = _storage.ListFiles(folder);
            for (int i = 0; i < names.Length; i++)
            {
                int number = NumberIn(names[i]);
                if (number >= next)
                {
                    next = number + 1;
                }
            }

            _next[digit] = next;
            _ready[digit] = true;
        }

        /// <summary>The number in "&lt;prefix&gt;NNNNNN.dat", or -1 for other names.</summary>
        private int NumberIn(string name)
        {
            if (!name.StartsWith(_prefix) || !name.EndsWith(".dat"))
            {
                return -1;
            }

            int end = name.Length - 4;
            if (end <= _prefix.Length || end - _prefix.Length > 9)
            {
                return -1;
            }

            int value = 0;
            for (int i = _prefix.Length; i < end; i++)
            {
                char c = name[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = value * 10 + (c - '0');
            }

            return value;
        }

        private static string Pad(int value, int width)
        {
            string text = value.ToString();
            while (text.Length < width)
            {
                text = "0" + text;
            }

            return text;
        }

        private static bool IsFileNamePart(string text)
        {
            if (text == null || text.Length == 0 || text.Length > CaptureSource.MaxIdLength)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
