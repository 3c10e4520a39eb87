using System;
using DigitLock.Core.Hardware;
using DigitLock.Core.Security;

namespace DigitLock.Core.Lock
{
    /// <summary>
    /// The lock's rules, independent of screen and touch: checks PINs against the stored hash,
    /// drives the lock output for the unlock time, counts failures and enforces the lockout,
    /// and keeps all of that on the configuration storage (internal flash on the boards, not the
    /// SD card, so pulling the card neither disables nor resets the lock).
    /// Call <see cref="Tick"/> from the UI loop.
    /// </summary>
    public sealed class DoorLock
    {
        /// <summary>
        /// While a lockout runs, what remains of it is saved every eighth of its length but at most
        /// this often. A power cut then costs an attacker nothing (the lockout resumes from the last
        /// save, which is never shorter than the truth) and an owner at most an eighth extra, while
        /// a lockout costs the flash at most eight writes, however long it is.
        /// </summary>
        public const long MinCheckpointMs = 5000;

        /// <summary>The admin session closes after this long without <see cref="KeepAdminSession"/>.</summary>
        public const long AdminIdleMs = 60000;

        private readonly IClock _clock;
        private readonly ILockOutput _output;
        private readonly IEntropySource _entropy;
        private readonly LockoutPolicy _policy;
        private readonly PinHashStore _pins;
        private readonly AttemptRecord _attempts;
        private readonly EventLog _log;
        private readonly int _iterations;

        private PinHash _pin;
        private bool _faulted;
        private int _failures;
        private bool _lockedOut;
        private long _lockoutEndsMs;
        private long _lastSavedRemainingMs;
        private bool _unlocked;
        private long _relockAtMs;
        private bool _adminOpen;
        private long _adminExpiresMs;

        /// <param name="config">Internal configuration storage.</param>
        /// <param name="iterations">PBKDF2 iterations for newly set PINs (see Security/README.md).</param>
        public DoorLock(IStorage config, IClock clock, ILockOutput output, IEntropySource entropy, int iterations,
            LockoutPolicy policy, EventLog log)
        {
            if (config == null || clock == null || output == null || entropy == null || policy == null || log == null)
            {
                throw new ArgumentNullException("config");
            }

            if (iterations < PinHash.MinIterations)
            {
                throw new ArgumentOutOfRangeException("iterations");
            }

            _clock = clock;
            _output = output;
            _entropy = entropy;
            _policy = policy;
            _iterations = iterations;
            _log = log;
            _pins = new PinHashStore(config);
            _attempts = new AttemptRecord(config);
            UnlockMs = 5000;

            // Fail secure: whatever the output was doing before a reset, start shut.
            _output.SetUnlocked(false);
            try
            {
                _pin = _pins.Load();
            }
            catch (StorageException)
            {
                _faulted = true;
                _log.Add(LockEventKind.StorageFault);
            }

            _attempts.Load(policy);
            _failures = _attempts.Failures;
            if (_attempts.RemainingLockoutMs > 0)
            {
                StartLockout(_attempts.RemainingLockoutMs);
            }
        }

        /// <summary>A native HMAC-SHA256 for the PIN hash, or null (default) for the managed one.</summary>
        public IHmacSha256 Hmac { get; set; }

        /// <summary>How long the output stays unlocked after a correct PIN.</summary>
        public long UnlockMs { get; set; }

        public LockState State
        {
            get
            {
                if (_faulted)
                {
                    return LockState.Faulted;
                }

                if (_pin == null)
                {
                    return LockState.NeedsSetup;
                }

                if (_unlocked)
                {
                    return LockState.Unlocked;
                }

                return _lockedOut ? LockState.LockedOut : LockState.Locked;
            }
        }

        /// <summary>Digits in the current PIN, 0 when none is set.</summary>
        public int PinLength
        {
            get { return _pin == null ? 0 : _pin.PinLength; }
        }

        public int FailedAttempts
        {
            get { return _failures; }
        }

        /// <summary>Failures left before the next one starts a lockout (0 once locked out).</summary>
        public int AttemptsBeforeLockout
        {
            get
            {
                int left = _policy.FreeAttempts - 1 - _failures;
                return left > 0 ? left : 0;
            }
        }

        public long LockoutRemainingMs
        {
            get
            {
                if (!_lockedOut)
                {
                    return 0;
                }

                long left = _lockoutEndsMs - _clock.NowMs;
                return left > 0 ? left : 0;
            }
        }

        /// <summary>The length of the lockout being served (for a progress display), 0 when none.</summary>
        public long LockoutTotalMs
        {
            get { return _lockedOut ? _policy.LockoutMsAfter(_failures) : 0; }
        }

        public long UnlockRemainingMs
        {
            get
            {
                if (!_unlocked)
                {
                    return 0;
                }

                long left = _relockAtMs - _clock.NowMs;
                return left > 0 ? left : 0;
            }
        }

        public bool IsAdminSessionOpen
        {
            get { return _adminOpen && _clock.NowMs < _adminExpiresMs; }
        }

        public EventLog Log
        {
            get { return _log; }
        }

        public UnlockResult TryUnlock(string pin)
        {
            Tick();
            if (_faulted || _pin == null)
            {
                return UnlockResult.NotAvailable;
            }

            if (_lockedOut)
            {
                return UnlockResult.LockedOut;
            }

            // Count the attempt before checking it: cutting the power during the (slow) check
            // must not be a way to try PINs without them being counted.
            int failuresIfWrong = _failures + 1;
            long lockoutIfWrong = _policy.LockoutMsAfter(failuresIfWrong);
            _attempts.Save(failuresIfWrong, lockoutIfWrong);

            if (_pin.Matches(pin, Hmac))
            {
                _failures = 0;
                _attempts.Save(0, 0);
                _unlocked = true;
                _relockAtMs = _clock.NowMs + UnlockMs;
                _adminOpen = true;
                _adminExpiresMs = _clock.NowMs + AdminIdleMs;
                _output.SetUnlocked(true);
                _log.Add(LockEventKind.Unlocked);
                return UnlockResult.Opened;
            }

            _failures = failuresIfWrong;
            _log.Add(LockEventKind.WrongPin);
            if (lockoutIfWrong > 0)
            {
                StartLockout(lockoutIfWrong);
                _log.Add(LockEventKind.LockedOut);
                return UnlockResult.WrongPinLockedOut;
            }

            return UnlockResult.WrongPin;
        }

        /// <summary>
        /// Sets a new PIN: allowed on first boot (no PIN yet) and within an admin session.
        /// Throws StorageException when the PIN could not be saved (the old one then stays).
        /// </summary>
        public void SetPin(string pin)
        {
            if (!PinPolicy.IsValid(pin))
            {
                throw new ArgumentException("PIN must be " + PinPolicy.MinLength + " to " + PinPolicy.MaxLength + " digits");
            }

            if (!CanSetPin)
            {
                throw new InvalidOperationException("PIN can only be set on first boot or after unlocking");
            }

            PinHash hash = PinHash.Create(pin, _entropy, _iterations, Hmac);
            _pins.Save(hash);
            _pin = hash;
            _faulted = false;
            _log.Add(LockEventKind.PinSet);
        }

        public bool CanSetPin
        {
            get { return (_pin == null && !_faulted) || IsAdminSessionOpen; }
        }

        /// <summary>Keeps the admin session open (any touch in the admin screens).</summary>
        public void KeepAdminSession()
        {
            if (IsAdminSessionOpen)
            {
                _adminExpiresMs = _clock.NowMs + AdminIdleMs;
            }
        }

        public void EndAdminSession()
        {
            _adminOpen = false;
        }

        /// <summary>Shuts the lock now (a "lock" button, or the end of the admin session).</summary>
        public void Relock()
        {
            if (_unlocked)
            {
                _unlocked = false;
                _output.SetUnlocked(false);
                _log.Add(LockEventKind.Relocked);
            }
        }

        /// <summary>Relocks when the unlock time is over, ends a served lockout, checkpoints a running one.</summary>
        public void Tick()
        {
            long now = _clock.NowMs;
            if (_unlocked && now >= _relockAtMs)
            {
                Relock();
            }

            if (_adminOpen && now >= _adminExpiresMs)
            {
                _adminOpen = false;
            }

            if (_lockedOut)
            {
                long remaining = _lockoutEndsMs - now;
                if (remaining <= 0)
                {
                    _lockedOut = false;
                    _attempts.Save(_failures, 0);
                }
                else if (_lastSavedRemainingMs - remaining >= CheckpointInterval())
                {
                    if (_attempts.Save(_failures, remaining))
                    {
                        _lastSavedRemainingMs = remaining;
                    }
                }
            }
        }

        private long CheckpointInterval()
        {
            long interval = _policy.LockoutMsAfter(_failures) / 8;
            return interval > MinCheckpointMs ? interval : MinCheckpointMs;
        }

        private void StartLockout(long durationMs)
        {
            _lockedOut = true;
            _lockoutEndsMs = _clock.NowMs + durationMs;
            _lastSavedRemainingMs = durationMs;
        }
    }
}
