using System;

namespace DigitLock.Core.Dataset
{
    /// <summary>
    /// How and by whom a sample was captured: the device, its screen and writing box, the touch
    /// rate, the writer and the session. Identifiers are printable ASCII up to
    /// <see cref="MaxIdLength"/> characters ("" when unknown).
    /// </summary>
    public sealed class CaptureSource
    {
        public const int MaxIdLength = 63;

        public CaptureSource(SourceKind kind, string boardId, int screenWidth, int screenHeight,
            int boxLeft, int boxTop, int boxWidth, int boxHeight, int sampleRateHz, string writer, string session)
        {
            CheckId(boardId, "boardId");
            CheckId(writer, "writer");
            CheckId(session, "session");
            CheckU16(screenWidth, "screenWidth");
            CheckU16(screenHeight, "screenHeight");
            CheckU16(boxLeft, "boxLeft");
            CheckU16(boxTop, "boxTop");
            CheckU16(boxWidth, "boxWidth");
            CheckU16(boxHeight, "boxHeight");
            CheckU16(sampleRateHz, "sampleRateHz");
            Kind = kind;
            BoardId = boardId;
            ScreenWidth = screenWidth;
            ScreenHeight = screenHeight;
            BoxLeft = boxLeft;
            BoxTop = boxTop;
            BoxWidth = boxWidth;
            BoxHeight = boxHeight;
            SampleRateHz = sampleRateHz;
            Writer = writer;
            Session = session;
        }

        public SourceKind Kind { get; private set; }

        /// <summary>Which device captured it, e.g. "rt1060-evk-01".</summary>
        public string BoardId { get; private set; }

        public int ScreenWidth { get; private set; }

        public int ScreenHeight { get; private set; }

        public int BoxLeft { get; private set; }

        public int BoxTop { get; private set; }

        public int BoxWidth { get; private set; }

        public int BoxHeight { get; private set; }

        public int SampleRateHz { get; private set; }

        /// <summary>Who wrote it (a person's id), so data can be split by writer.</summary>
        public string Writer { get; private set; }

        /// <summary>One sitting of collection (e.g. a date and boot number).</summary>
        public string Session { get; private set; }

        /// <summary>Null when <paramref name="id"/> is a valid identifier, else the reason.</summary>
        public static string ProblemWithId(string id)
        {
            if (id == null)
            {
                return "is missing";
            }

            if (id.Length > MaxIdLength)
            {
                return "is longer than " + MaxIdLength + " characters";
            }

            for (int i = 0; i < id.Length; i++)
            {
                if (id[i] < ' ' || id[i] > '~')
                {
                    return "has a character that is not printable ASCII";
                }
            }

            return null;
        }

        private static void CheckId(string id, string name)
        {
            string problem = ProblemWithId(id);
            if (problem != null)
            {
                throw new ArgumentException(name + " " + problem);
            }
        }

        private static void CheckU16(int value, string name)
        {
            if (value < 0 || value > 65535)
            {
                throw new ArgumentOutOfRangeException(name);
            }
        }
    }
}
