using System;

namespace DigitLock.Core.Settings
{
    /// <summary>
    /// What the owner can tune from the admin menu. The PIN length is not here: it belongs to
    /// the PIN (see PinHash), so a lost settings file can never make the PIN unenterable.
    /// </summary>
    public sealed class LockSettings
    {
        public const int DefaultConfidenceThreshold = 150;
        public const int DefaultConfidenceMargin = 40;
        public const int DefaultUnlockSeconds = 5;
        public const int DefaultNewPinLength = 4;
        public const int MinUnlockSeconds = 1;
        public const int MaxUnlockSeconds = 60;

        private int _confidenceThreshold = DefaultConfidenceThreshold;
        private int _confidenceMargin = DefaultConfidenceMargin;
        private int _unlockSeconds = DefaultUnlockSeconds;
        private int _newPinLength = DefaultNewPinLength;

        /// <summary>The top score (0..255) a digit needs to be accepted without a rewrite.</summary>
        public int ConfidenceThreshold
        {
            get { return _confidenceThreshold; }
            set { _confidenceThreshold = CheckRange(value, 0, 255, "ConfidenceThreshold"); }
        }

        /// <summary>How far (0..255) the top score must lead the runner-up.</summary>
        public int ConfidenceMargin
        {
            get { return _confidenceMargin; }
            set { _confidenceMargin = CheckRange(value, 0, 255, "ConfidenceMargin"); }
        }

        /// <summary>How long the lock stays open after a correct PIN.</summary>
        public int UnlockSeconds
        {
            get { return _unlockSeconds; }
            set { _unlockSeconds = CheckRange(value, MinUnlockSeconds, MaxUnlockSeconds, "UnlockSeconds"); }
        }

        /// <summary>Length offered when a new PIN is chosen (set-up and change PIN).</summary>
        public int NewPinLength
        {
            get { return _newPinLength; }
            set { _newPinLength = CheckRange(value, Lock.PinPolicy.MinLength, Lock.PinPolicy.MaxLength, "NewPinLength"); }
        }

        public LockSettings Clone()
        {
            var copy = new LockSettings();
            copy._confidenceThreshold = _confidenceThreshold;
            copy._confidenceMargin = _confidenceMargin;
            copy._unlockSeconds = _unlockSeconds;
            copy._newPinLength = _newPinLength;
            return copy;
        }

        private static int CheckRange(int value, int low, int high, string name)
        {
            if (value < low || value > high)
            {
                throw new ArgumentOutOfRangeException(name);
            }

            return value;
        }
    }
}
