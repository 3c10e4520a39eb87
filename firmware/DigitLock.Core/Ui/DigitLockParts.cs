using DigitLock.Core.Hardware;
using DigitLock.Core.ModelPush;
using DigitLock.Core.Security;

namespace DigitLock.Core.Ui
{
    /// <summary>What a board (or the simulator, or a test) hands the app: its hardware and a few board facts.</summary>
    public sealed class DigitLockParts
    {
        /// <summary>
        /// For the managed SHA-256 on nanoCLR's interpreter: roughly one to two seconds per PIN check
        /// by the estimate in Security/README.md. A board with a native HMAC-SHA256 should pass 10,000.
        /// </summary>
        public const int DefaultPbkdf2Iterations = 512;

        public DigitLockParts()
        {
            TouchSampleRateHz = 60;
            Pbkdf2Iterations = DefaultPbkdf2Iterations;
            DonePauseMs = 700;
            DigitShowMs = 700;
            BoardId = "board";
            ModelInfo = new string[0];
        }

        public IDisplay Display { get; set; }

        /// <summary>Internal flash: PIN hash, attempts, settings, event log. Must work without the card.</summary>
        public IStorage Config { get; set; }

        /// <summary>The SD card: gathering-mode samples only.</summary>
        public IStorage Card { get; set; }

        public IClock Clock { get; set; }

        public ILockOutput LockOutput { get; set; }

        public IDigitClassifier Classifier { get; set; }

        public IEntropySource Entropy { get; set; }

        /// <summary>Optional native HMAC-SHA256 for the PIN hash (null: managed SHA-256).</summary>
        public IHmacSha256 Hmac { get; set; }

        public int TouchSampleRateHz { get; set; }

        /// <summary>PBKDF2 iterations for new PINs; see Security/README.md for the per-board choice.</summary>
        public int Pbkdf2Iterations { get; set; }

        /// <summary>Pen-up pause after which a box counts as written.</summary>
        public int DonePauseMs { get; set; }

        /// <summary>How long a recognised PIN digit is shown before it is masked.</summary>
        public int DigitShowMs { get; set; }

        /// <summary>Names sample files and DAT capture sources (letters, digits, '_', '-').</summary>
        public string BoardId { get; set; }

        /// <summary>Lines for the admin menu's model-info screen (name, version, accuracy...).</summary>
        public string[] ModelInfo { get; set; }

        /// <summary>Model-push pairing shown by the model screen's PAIR HOST button (null: the board takes no pushes).</summary>
        public HostPairing Pairing { get; set; }
    }
}
