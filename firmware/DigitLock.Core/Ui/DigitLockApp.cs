using System;
using DigitLock.Core.Dataset;
using DigitLock.Core.Hardware;
using DigitLock.Core.Lock;
using DigitLock.Core.Preprocessing;
using DigitLock.Core.Settings;
using DigitLock.Core.Strokes;

namespace DigitLock.Core.Ui
{
    /// <summary>
    /// The lock as the user meets it: routes touches to writing boxes (through
    /// <see cref="StrokeCapture"/>) or buttons, turns each finished box into a digit
    /// (preprocessing, classifier, confidence policy), feeds PINs to <see cref="DoorLock"/> and
    /// draws every screen. The board calls <see cref="OnTouch"/> from its touch driver and
    /// <see cref="Tick"/> from its main loop (every 20-50 ms); both take the same lock.
    /// </summary>
    public sealed class DigitLockApp : ITouchSink, IWritingListener
    {
        /// <summary>Boxes per gathering round, as in AN12892's collection app.</summary>
        public const int GatheringBoxes = 4;

        /// <summary>Inset between a drawn box and the area where ink is captured, so ink never covers the outline.</summary>
        private const int InkInset = 3 + ScreenRenderer.InkRadius + 1;

        private readonly object _sync = new object();
        private readonly DigitLockParts _parts;
        private readonly IClock _clock;
        private readonly ScreenRenderer _renderer;
        private readonly ScreenLayout _layout;
        private readonly SettingsStore _settingsStore;
        private readonly LockSettings _settings;
        private readonly DoorLock _doorLock;
        private readonly DigitPreprocessor _preprocessor = new DigitPreprocessor();
        private readonly GatheringSession _gathering;
        private readonly byte[] _image = new byte[Sample.ImageSize * Sample.ImageSize];
        private readonly byte[] _scores = new byte[10];

        private ConfidencePolicy _confidence;
        private AppMode _mode;
        private ScreenView _view;
        private StrokeCapture _capture;
        private int[] _digits = new int[0];
        private long[] _shownUntil = new long[0];
        private RecordedSample[] _round = new RecordedSample[0];
        private bool _changingPin;
        private string _firstPin;
        private bool _settingsChanged;
        private bool _penInBox;
        private Button _pressed;
        private int _lastX;
        private int _lastY;
        private long _drawnSecond = -1;

        public DigitLockApp(DigitLockParts parts)
        {
            if (parts == null || parts.Display == null || parts.Config == null || parts.Card == null || parts.Clock == null
                || parts.LockOutput == null || parts.Classifier == null || parts.Entropy == null)
            {
                throw new ArgumentException("every part is needed: display, config, card, clock, lock output, classifier, entropy");
            }

            _parts = parts;
            _clock = parts.Clock;
            _renderer = new ScreenRenderer(parts.Display);
            _layout = _renderer.Layout;
            _settingsStore = new SettingsStore(parts.Config);
            _settings = _settingsStore.Load();
            var log = new EventLog(parts.Config, parts.Clock);
            _doorLock = new DoorLock(parts.Config, parts.Clock, parts.LockOutput, parts.Entropy, parts.Pbkdf2Iterations,
                new LockoutPolicy(), log);
            _doorLock.UnlockMs = _settings.UnlockSeconds * 1000;
            _doorLock.Hmac = parts.Hmac;
            _confidence = new ConfidencePolicy(_settings.ConfidenceThreshold, _settings.ConfidenceMargin);
            _gathering = new GatheringSession(parts.Card, parts.BoardId, new Random());
            ShowHome("");
        }

        public AppMode Mode
        {
            get { return _mode; }
        }

        /// <summary>The screen on display (for the simulator's accessibility view and the tests).</summary>
        public ScreenView View
        {
            get { return _view; }
        }

        public DoorLock DoorLock
        {
            get { return _doorLock; }
        }

        public GatheringSession Gathering
        {
            get { return _gathering; }
        }

        public LockSettings Settings
        {
            get { return _settings; }
        }

        public ScreenLayout Layout
        {
            get { return _layout; }
        }

        public void OnTouch(TouchAction action, int x, int y, int timeMs)
        {
            lock (_sync)
            {
                if (IsAdminMode())
                {
                    _doorLock.KeepAdminSession();
                }

                if (action == TouchAction.Down)
                {
                    TouchDown(x, y, timeMs);
                }
                else if (action == TouchAction.Move)
                {
                    if (_penInBox)
                    {
                        _capture.OnTouch(action, x, y, timeMs);
                    }

                    _lastX = x;
                    _lastY = y;
                }
                else
                {
                    TouchUp(timeMs);
                }

                _renderer.Flush();
            }
        }

        /// <summary>Advances timers: digit masking, finished boxes, relock, lockout and admin expiry, countdowns.</summary>
        public void Tick()
        {
            lock (_sync)
            {
                _doorLock.Tick();
                long now = _clock.NowMs;
                if (_capture != null && !_penInBox)
                {
                    _capture.Poll((int)now);
                }

                MaskShownDigits(now);
                FollowLockState();
                _renderer.Flush();
            }
        }

        public void OnInk(int box, int x0, int y0, int x1, int y1)
        {
            _renderer.DrawInk(x0, y0, x1, y1);
        }

        public void OnDigitDone(int box, InkBuffer ink)
        {
            if (_mode == AppMode.Gathering)
            {
                KeepGatheredDigit(box, ink);
            }
            else
            {
                RecogniseDigit(box, ink);
            }
        }

        private void TouchDown(int x, int y, int timeMs)
        {
            _lastX = x;
            _lastY = y;
            int box = _view.BoxAt(x, y);
            if (box >= 0 && _capture != null)
            {
                BoxView target = _view.Boxes[box];
                if (target.Mark != BoxMark.Writing)
                {
                    // Writing over a finished box replaces its digit.
                    ForgetBox(box);
                    target.Mark = BoxMark.Writing;
                    _renderer.DrawBox(_view, box);
                }

                _penInBox = true;
                _capture.OnTouch(TouchAction.Down, x, y, timeMs);
                return;
            }

            Button button = _view.ButtonAt(x, y);
            if (button != null)
            {
                _pressed = button;
                button.Pressed = true;
                _renderer.DrawButton(button);
            }
        }

        private void TouchUp(int timeMs)
        {
            if (_penInBox)
            {
                _penInBox = false;
                _capture.OnTouch(TouchAction.Up, _lastX, _lastY, timeMs);
                return;
            }

            Button button = _pressed;
            _pressed = null;
            if (button == null)
            {
                return;
            }

            button.Pressed = false;
            _renderer.DrawButton(button);

            // The release position is unreliable on several controllers; the last move is not.
            if (button.Area.Contains(_lastX, _lastY))
            {
                Press(button.Id);
            }
        }

        private void Press(int id)
        {
            switch (id)
            {
                case ButtonId.Clear:
                    ClearBoxes();
                    break;
                case ButtonId.Back:
                    BackOneBox();
                    break;
                case ButtonId.Ok:
                    FinishEntry();
                    break;
                case ButtonId.Length:
                    CycleNewPinLength();
                    break;
                case ButtonId.Cancel:
                    ShowAdmin("PIN NOT CHANGED");
                    break;
                case ButtonId.LockNow:
                    _doorLock.EndAdminSession();
                    _doorLock.Relock();
                    ShowLock("LOCKED", Rgb565.DimText);
                    break;
                case ButtonId.Admin:
                    ShowAdmin("");
                    break;
                case ButtonId.ChangePin:
                    ShowSetup(true, "");
                    break;
                case ButtonId.Gather:
                    ShowGathering("", true);
                    break;
                case ButtonId.Model:
                    ShowModelInfo();
                    break;
                case ButtonId.Events:
                    ShowEvents();
                    break;
                case ButtonId.PairHost:
                    ShowPairingCode();
                    break;
                case ButtonId.Exit:
                    if (_mode == AppMode.Admin)
                    {
                        LeaveAdmin("LOCKED");
                    }
                    else
                    {
                        ShowAdmin("");
                    }

                    break;
                case ButtonId.Submit:
                    SubmitRound();
                    break;
                case ButtonId.Undo:
                    UndoRound();
                    break;
                case ButtonId.Retry:
                    ShowGathering("", true);
                    break;
                default:
                    AdjustSetting(id);
                    break;
            }
        }

        // ----- PIN entry (lock, set-up, confirm) -----

        private void RecogniseDigit(int box, InkBuffer ink)
        {
            if (_preprocessor.Process(ink, _image) == PreprocessResult.NothingWritten)
            {
                AskRewrite(box, "NOTHING IN BOX " + (box + 1));
                return;
            }

            // -1: no model is installed; guessing would let any scribble count as a digit.
            if (_parts.Classifier.Classify(_image, _scores) < 0)
            {
                AskRewrite(box, "NO MODEL - CANNOT READ DIGITS");
                return;
            }

            int digit = _confidence.Accept(_scores);
            if (digit == ConfidencePolicy.Rewrite)
            {
                AskRewrite(box, "BOX " + (box + 1) + " UNCLEAR - REWRITE IT");
                return;
            }

            _digits[box] = digit;
            _shownUntil[box] = _clock.NowMs + _parts.DigitShowMs;
            BoxView view = _view.Boxes[box];
            view.Mark = BoxMark.Shown;
            view.Digit = digit;
            _renderer.DrawBox(_view, box);
            MoveCurrentBox();
            if (FirstUnfilledBox() < 0)
            {
                SubmitEntry();
            }
            else if (_view.StatusColor == Rgb565.Bad && FirstBoxMarked(BoxMark.Rewrite) < 0)
            {
                SetStatus(DefaultStatus(), Rgb565.DimText);
            }
        }

        private void AskRewrite(int box, string message)
        {
            _digits[box] = -1;
            _view.Boxes[box].Mark = BoxMark.Rewrite;
            _renderer.DrawBox(_view, box);
            MoveCurrentBox();
            SetStatus(message, Rgb565.Bad);
        }

        private void FinishEntry()
        {
            // Finishing the last box may submit the PIN and change the screen.
            ScreenView before = _view;
            _capture.Finish();
            if (_view != before)
            {
                return;
            }

            if (_mode == AppMode.Gathering)
            {
                SubmitRound();
                return;
            }

            if (FirstUnfilledBox() >= 0)
            {
                if (FirstBoxMarked(BoxMark.Rewrite) < 0)
                {
                    SetStatus("WRITE ALL " + _digits.Length + " DIGITS", Rgb565.Warn);
                }

                return;
            }

            SubmitEntry();
        }

        private void SubmitEntry()
        {
            string pin = EnteredPin();
            if (_mode == AppMode.Lock)
            {
                SubmitPin(pin);
            }
            else if (_mode == AppMode.Setup)
            {
                _firstPin = pin;
                ShowConfirm();
            }
            else if (_mode == AppMode.ConfirmPin)
            {
                ConfirmNewPin(pin);
            }
        }

        private void SubmitPin(string pin)
        {
            // The PIN check takes a good part of a second on the device (PBKDF2): say so first.
            SetStatus("CHECKING...", Rgb565.DimText);
            _renderer.Flush();
            UnlockResult result = _doorLock.TryUnlock(pin);
            if (result == UnlockResult.Opened)
            {
                ShowUnlocked();
            }
            else if (result == UnlockResult.WrongPin)
            {
                int left = _doorLock.AttemptsBeforeLockout + 1;
                ShowLock("WRONG PIN - " + left + (left == 1 ? " TRY" : " TRIES") + " LEFT", Rgb565.Bad);
            }
            else
            {
                ShowHome("");
            }
        }

        private void ConfirmNewPin(string pin)
        {
            string first = _firstPin;
            _firstPin = null;
            if (pin != first)
            {
                ShowSetup(_changingPin, "PINS DIFFER - START AGAIN");
                return;
            }

            try
            {
                _doorLock.SetPin(pin);
            }
            catch (StorageException)
            {
                ShowSetup(_changingPin, "PIN NOT SAVED: FLASH ERROR");
                return;
            }
            catch (InvalidOperationException)
            {
                ShowLock("ADMIN SESSION ENDED", Rgb565.Warn);
                return;
            }

            if (_changingPin)
            {
                ShowAdmin("PIN CHANGED");
            }
            else
            {
                ShowLock("PIN SAVED", Rgb565.Good);
            }
        }

        private string EnteredPin()
        {
            var chars = new char[_digits.Length];
            for (int i = 0; i < _digits.Length; i++)
            {
                chars[i] = (char)('0' + _digits[i]);
            }

            return new string(chars);
        }

        private void ClearBoxes()
        {
            if (_capture != null)
            {
                _capture.Cancel();
            }

            for (int i = 0; i < _view.Boxes.Length; i++)
            {
                ForgetBox(i);
                _renderer.DrawBox(_view, i);
            }

            MoveCurrentBox();
            SetStatus(DefaultStatus(), Rgb565.DimText);
        }

        private void BackOneBox()
        {
            if (_capture != null)
            {
                _capture.Cancel();
            }

            int last = -1;
            for (int i = 0; i < _view.Boxes.Length; i++)
            {
                if (_view.Boxes[i].Mark == BoxMark.Writing)
                {
                    last = i;
                    break;
                }

                if (_view.Boxes[i].Mark != BoxMark.Empty)
                {
                    last = i;
                }
            }

            if (last >= 0)
            {
                ForgetBox(last);
                _renderer.DrawBox(_view, last);
                MoveCurrentBox();
            }
        }

        private void ForgetBox(int box)
        {
            _view.Boxes[box].Mark = BoxMark.Empty;
            if (box < _digits.Length)
            {
                _digits[box] = -1;
            }

            if (box < _round.Length)
            {
                _round[box] = null;
            }
        }

        private int FirstUnfilledBox()
        {
            for (int i = 0; i < _digits.Length; i++)
            {
                if (_digits[i] < 0)
                {
                    return i;
                }
            }

            return -1;
        }

        private int FirstBoxMarked(BoxMark mark)
        {
            for (int i = 0; i < _view.Boxes.Length; i++)
            {
                if (_view.Boxes[i].Mark == mark)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Outlines the first box still to write; boxes holding ink only get a new outline.</summary>
        private void MoveCurrentBox()
        {
            int current = -1;
            for (int i = 0; i < _view.Boxes.Length; i++)
            {
                BoxMark mark = _view.Boxes[i].Mark;
                if (mark == BoxMark.Empty || mark == BoxMark.Rewrite)
                {
                    current = i;
                    break;
                }
            }

            for (int i = 0; i < _view.Boxes.Length; i++)
            {
                BoxView box = _view.Boxes[i];
                bool isCurrent = i == current;
                if (box.Current != isCurrent)
                {
                    box.Current = isCurrent;
                    if (box.Mark == BoxMark.Writing || box.Mark == BoxMark.Kept)
                    {
                        _renderer.DrawBoxOutline(box);
                    }
                    else
                    {
                        _renderer.DrawBox(_view, i);
                    }
                }
            }
        }

        private void MaskShownDigits(long now)
        {
            for (int i = 0; i < _view.Boxes.Length && i < _shownUntil.Length; i++)
            {
                BoxView box = _view.Boxes[i];
                if (box.Mark == BoxMark.Shown && now >= _shownUntil[i])
                {
                    box.Mark = BoxMark.Masked;
                    _renderer.DrawBox(_view, i);
                }
            }
        }

        private void CycleNewPinLength()
        {
            int length = _settings.NewPinLength + 1;
            _settings.NewPinLength = length > PinPolicy.MaxLength ? PinPolicy.MinLength : length;
            string status = TrySaveSettings() ? "" : "COULD NOT SAVE SETTINGS";
            ShowSetup(_changingPin, status);
        }

        // ----- Gathering -----

        private void KeepGatheredDigit(int box, InkBuffer ink)
        {
            if (_preprocessor.Process(ink, _image) == PreprocessResult.NothingWritten || _gathering.Digit < 0)
            {
                AskRewrite(box, "NOTHING IN BOX " + (box + 1));
                return;
            }

            // The sample keeps its image, so this one is a copy, not the shared scratch buffer.
            var image = new byte[_image.Length];
            Array.Copy(_image, image, image.Length);
            Rect area = _view.Boxes[box].Area;
            var source = new CaptureSource(SourceKind.BoardTouch, _parts.BoardId, _layout.Width, _layout.Height,
                area.X + InkInset, area.Y + InkInset, area.Width - 2 * InkInset, area.Height - 2 * InkInset,
                _parts.TouchSampleRateHz, "", "boot" + _doorLock.Log.BootNumber);
            var sample = new Sample(_gathering.Digit, ink.ToStrokes(), image);
            _round[box] = new RecordedSample(sample, source, 0, PreprocessParams.Describe());
            _view.Boxes[box].Mark = BoxMark.Kept;
            MoveCurrentBox();
            SetStatus(KeptCount() + " OF " + GatheringBoxes + " WRITTEN", Rgb565.DimText);
        }

        private int KeptCount()
        {
            int kept = 0;
            for (int i = 0; i < _round.Length; i++)
            {
                if (_round[i] != null)
                {
                    kept++;
                }
            }

            return kept;
        }

        private void SubmitRound()
        {
            _capture.Finish();
            if (KeptCount() < GatheringBoxes)
            {
                SetStatus("FILL ALL " + GatheringBoxes + " BOXES FIRST", Rgb565.Warn);
                return;
            }

            int digit = _gathering.Digit;
            try
            {
                _gathering.Submit(_round);
            }
            catch (StorageException)
            {
                // The round stays on screen and in memory: submitting again finishes it.
                SetStatus(CardProblem() + " - SAMPLES KEPT", Rgb565.Warn);
                return;
            }

            ShowGathering("SAVED " + GatheringBoxes + " OF " + digit, false);
        }

        private void UndoRound()
        {
            if (!_gathering.CanUndo)
            {
                SetStatus("NOTHING TO UNDO", Rgb565.DimText);
                return;
            }

            try
            {
                _gathering.Undo();
            }
            catch (StorageException)
            {
                SetStatus(CardProblem() + " - UNDO FAILED", Rgb565.Warn);
                return;
            }

            ShowGathering("REMOVED THE LAST " + GatheringBoxes + " SAMPLES", false);
        }

        private string CardProblem()
        {
            bool present;
            try
            {
                present = _parts.Card.IsPresent;
            }
            catch (StorageException)
            {
                present = false;
            }

            return present ? "CARD ERROR" : "NO SD CARD";
        }

        // ----- Settings -----

        private void AdjustSetting(int id)
        {
            if (_mode != AppMode.Admin)
            {
                return;
            }

            switch (id)
            {
                case ButtonId.ThresholdDown:
                    _settings.ConfidenceThreshold = Clamp(_settings.ConfidenceThreshold - 10, 0, 255);
                    break;
                case ButtonId.ThresholdUp:
                    _settings.ConfidenceThreshold = Clamp(_settings.ConfidenceThreshold + 10, 0, 255);
                    break;
                case ButtonId.MarginDown:
                    _settings.ConfidenceMargin = Clamp(_settings.ConfidenceMargin - 5, 0, 255);
                    break;
                case ButtonId.MarginUp:
                    _settings.ConfidenceMargin = Clamp(_settings.ConfidenceMargin + 5, 0, 255);
                    break;
                case ButtonId.UnlockDown:
                    _settings.UnlockSeconds = Clamp(_settings.UnlockSeconds - 1, LockSettings.MinUnlockSeconds, LockSettings.MaxUnlockSeconds);
                    break;
                case ButtonId.UnlockUp:
                    _settings.UnlockSeconds = Clamp(_settings.UnlockSeconds + 1, LockSettings.MinUnlockSeconds, LockSettings.MaxUnlockSeconds);
                    break;
                case ButtonId.LengthDown:
                    _settings.NewPinLength = Clamp(_settings.NewPinLength - 1, PinPolicy.MinLength, PinPolicy.MaxLength);
                    break;
                case ButtonId.LengthUp:
                    _settings.NewPinLength = Clamp(_settings.NewPinLength + 1, PinPolicy.MinLength, PinPolicy.MaxLength);
                    break;
                default:
                    return;
            }

            _confidence = new ConfidencePolicy(_settings.ConfidenceThreshold, _settings.ConfidenceMargin);
            _doorLock.UnlockMs = _settings.UnlockSeconds * 1000;
            _settingsChanged = true;
            ShowAdmin(TrySaveSettings() ? "" : "COULD NOT SAVE SETTINGS");
        }

        private bool TrySaveSettings()
        {
            try
            {
                _settingsStore.Save(_settings);
                return true;
            }
            catch (StorageException)
            {
                return false;
            }
        }

        private static int Clamp(int value, int low, int high)
        {
            return value < low ? low : value > high ? high : value;
        }

        // ----- Lock state and admin session -----

        private bool IsAdminMode()
        {
            return _mode == AppMode.Admin || _mode == AppMode.ModelInfo || _mode == AppMode.Events
                || _mode == AppMode.Gathering || (_changingPin && (_mode == AppMode.Setup || _mode == AppMode.ConfirmPin));
        }

        private void LeaveAdmin(string status)
        {
            if (_settingsChanged)
            {
                _doorLock.Log.Add(LockEventKind.SettingsChanged);
                _settingsChanged = false;
            }

            _doorLock.EndAdminSession();
            _doorLock.Relock();
            ShowLock(status, Rgb565.DimText);
        }

        /// <summary>Moves to the screen the lock's state calls for and refreshes countdowns.</summary>
        private void FollowLockState()
        {
            LockState state = _doorLock.State;
            if (IsAdminMode())
            {
                if (!_doorLock.IsAdminSessionOpen)
                {
                    LeaveAdmin("ADMIN SESSION ENDED");
                }

                return;
            }

            if (_mode == AppMode.Unlocked)
            {
                if (state != LockState.Unlocked)
                {
                    ShowLock("LOCKED AGAIN", Rgb565.DimText);
                }
                else if ((_doorLock.UnlockRemainingMs + 999) / 1000 != _drawnSecond)
                {
                    ShowUnlocked();
                }

                return;
            }

            if (_mode == AppMode.Lockout)
            {
                if (state != LockState.LockedOut)
                {
                    ShowLock("YOU MAY TRY AGAIN", Rgb565.DimText);
                }
                else if (_doorLock.LockoutRemainingMs / 1000 != _drawnSecond)
                {
                    ShowLockout();
                }

                return;
            }

            if (_mode == AppMode.Lock && state == LockState.LockedOut)
            {
                ShowLockout();
            }
        }

        // ----- Screens -----

        private void ShowHome(string status)
        {
            LockState state = _doorLock.State;
            if (state == LockState.NeedsSetup)
            {
                ShowSetup(false, status);
            }
            else if (state == LockState.Faulted)
            {
                ShowFault();
            }
            else if (state == LockState.LockedOut)
            {
                ShowLockout();
            }
            else if (state == LockState.Unlocked)
            {
                ShowUnlocked();
            }
            else
            {
                ShowLock(status, Rgb565.DimText);
            }
        }

        private void ShowLock(string status, ushort statusColor)
        {
            _changingPin = false;
            BeginBoxScreen(AppMode.Lock, "WRITE YOUR PIN", Rgb565.Text, _doorLock.PinLength, _layout.Content);
            AddButtonBar(new int[] { ButtonId.Clear, ButtonId.Back, ButtonId.Ok }, new string[] { "CLEAR", "BACK", "OK" });
            if (status.Length == 0)
            {
                status = DefaultStatus();
                statusColor = _doorLock.FailedAttempts > 0 ? Rgb565.Warn : Rgb565.DimText;
            }

            _view.Status = status;
            _view.StatusColor = statusColor;
            Draw();
        }

        private void ShowSetup(bool changing, string status)
        {
            _changingPin = changing;
            int length = _settings.NewPinLength;
            string title = changing ? "NEW PIN: " + length + " DIGITS" : "CHOOSE A PIN: " + length + " DIGITS";
            BeginBoxScreen(AppMode.Setup, title, Rgb565.Accent, length, _layout.Content);
            if (changing)
            {
                AddButtonBar(new int[] { ButtonId.Cancel, ButtonId.Clear, ButtonId.Back, ButtonId.Ok },
                    new string[] { "CANCEL", "CLEAR", "BACK", "OK" });
            }
            else
            {
                AddButtonBar(new int[] { ButtonId.Clear, ButtonId.Back, ButtonId.Length, ButtonId.Ok },
                    new string[] { "CLEAR", "BACK", "LEN " + length, "OK" });
            }

            _view.Status = status.Length > 0 ? status : "ONE DIGIT PER BOX";
            _view.StatusColor = status.Length > 0 ? Rgb565.Warn : Rgb565.DimText;
            Draw();
        }

        private void ShowConfirm()
        {
            int length = _firstPin.Length;
            BeginBoxScreen(AppMode.ConfirmPin, "WRITE THE PIN AGAIN", Rgb565.Accent, length, _layout.Content);
            if (_changingPin)
            {
                AddButtonBar(new int[] { ButtonId.Cancel, ButtonId.Clear, ButtonId.Back, ButtonId.Ok },
                    new string[] { "CANCEL", "CLEAR", "BACK", "OK" });
            }
            else
            {
                AddButtonBar(new int[] { ButtonId.Clear, ButtonId.Back, ButtonId.Ok }, new string[] { "CLEAR", "BACK", "OK" });
            }

            _view.Status = "TO CHECK IT";
            Draw();
        }

        private void ShowLockout()
        {
            BeginScreen(AppMode.Lockout, "LOCKED OUT", Rgb565.Bad);
            long remaining = _doorLock.LockoutRemainingMs;
            long seconds = (remaining + 999) / 1000;
            _drawnSecond = remaining / 1000;
            Rect content = _layout.Content;
            int textHeight = Font5x7.TextHeight(_layout.TextScale) + 8;
            var big = new Rect(content.X, content.Y, content.Width, content.Height - 2 * textHeight);
            _view.AddLabel(FormatDuration(seconds), big, big.Height / Font5x7.GlyphHeight * 2 / 3, Rgb565.Text, true);
            _view.AddLabel("TOO MANY WRONG PINS", new Rect(content.X, big.Bottom, content.Width, textHeight),
                _layout.TextScale, Rgb565.DimText, true);
            _view.Bar = new Rect(content.X + content.Width / 8, big.Bottom + textHeight + 4, content.Width * 3 / 4, textHeight - 12);
            long total = _doorLock.LockoutTotalMs;
            _view.BarPermille = total > 0 ? (int)((total - remaining) * 1000 / total) : 0;
            _view.BarColor = Rgb565.Bad;
            _view.Status = "WAIT, THEN TRY AGAIN";
            Draw();
        }

        private void ShowUnlocked()
        {
            BeginScreen(AppMode.Unlocked, "UNLOCKED", Rgb565.Good);
            long remaining = _doorLock.UnlockRemainingMs;
            _drawnSecond = (remaining + 999) / 1000;
            Rect content = _layout.Content;
            _view.AddLabel("OPEN", content, content.Height / Font5x7.GlyphHeight * 2 / 3, Rgb565.Good, true);
            _view.Status = "LOCKS AGAIN IN " + _drawnSecond + " S";
            _view.StatusColor = Rgb565.Text;
            AddButtonBar(new int[] { ButtonId.LockNow, ButtonId.Admin }, new string[] { "LOCK NOW", "ADMIN" });
            Draw();
        }

        private void ShowAdmin(string status)
        {
            _changingPin = false;
            BeginScreen(AppMode.Admin, "ADMIN", Rgb565.Accent);
            Rect[] rows = _layout.Column(_layout.Content, 5);
            AddSettingRow(rows[0], "CONFIDENCE", _settings.ConfidenceThreshold.ToString(), ButtonId.ThresholdDown, ButtonId.ThresholdUp);
            AddSettingRow(rows[1], "MARGIN", _settings.ConfidenceMargin.ToString(), ButtonId.MarginDown, ButtonId.MarginUp);
            AddSettingRow(rows[2], "UNLOCK TIME", _settings.UnlockSeconds + " S", ButtonId.UnlockDown, ButtonId.UnlockUp);
            AddSettingRow(rows[3], "PIN LENGTH", _settings.NewPinLength.ToString(), ButtonId.LengthDown, ButtonId.LengthUp);
            Rect[] actions = _layout.Row(rows[4], 2);
            _view.AddButton(ButtonId.ChangePin, "CHANGE PIN", actions[0]);
            _view.AddButton(ButtonId.Gather, "GATHERING", actions[1]);
            AddButtonBar(new int[] { ButtonId.Model, ButtonId.Events, ButtonId.Exit }, new string[] { "MODEL", "EVENTS", "LOCK" });
            _view.Status = status;
            _view.StatusColor = Rgb565.Good;
            Draw();
        }

        private void AddSettingRow(Rect row, string name, string value, int downId, int upId)
        {
            int buttonWidth = row.Height * 3 / 2;
            int valueWidth = Font5x7.TextWidth("0000", _layout.TextScale);
            int labelWidth = row.Width - 2 * buttonWidth - valueWidth - 3 * _layout.Gap;
            var background = new Rect(row.X, row.Y, labelWidth + valueWidth + _layout.Gap, row.Height);
            Label label = _view.AddLabel(name, new Rect(row.X + 6, row.Y, labelWidth - 6, row.Height), _layout.TextScale, Rgb565.Text, false);
            label.Fill = Rgb565.Panel;
            _view.AddLabel(value, new Rect(row.X + labelWidth, row.Y, valueWidth + _layout.Gap, row.Height), _layout.TextScale, Rgb565.Accent, true)
                .Fill = Rgb565.Panel;
            int x = background.Right + _layout.Gap;
            _view.AddButton(downId, "-", new Rect(x, row.Y, buttonWidth, row.Height));
            _view.AddButton(upId, "+", new Rect(x + buttonWidth + _layout.Gap, row.Y, row.Right - (x + buttonWidth + _layout.Gap), row.Height));
        }

        private void ShowModelInfo()
        {
            BeginScreen(AppMode.ModelInfo, "MODEL", Rgb565.Accent);
            string[] info = _parts.ModelInfo;
            var lines = new string[info.Length + 2];
            Array.Copy(info, lines, info.Length);
            lines[info.Length] = "PREPROCESSING V" + PreprocessParams.Version;
            lines[info.Length + 1] = "MIN SCORE " + _settings.ConfidenceThreshold + " LEAD " + _settings.ConfidenceMargin;
            AddTextLines(lines);
            AddButtonBar(new int[] { ButtonId.PairHost, ButtonId.Exit }, new string[] { "PAIR HOST", "BACK" });
            Draw();
        }

        /// <summary>Opens a model-push pairing window and shows its one-time code (ModelPush/HostPairing).</summary>
        private void ShowPairingCode()
        {
            BeginScreen(AppMode.ModelInfo, "PAIR HOST", Rgb565.Accent);
            if (_parts.Pairing == null)
            {
                AddTextLines(new string[] { "THIS BOARD TAKES NO PUSHED MODELS" });
            }
            else
            {
                AddTextLines(new string[] { "ON THE HOST RUN", "DIGITLOCK PAIR --CODE", _parts.Pairing.Open(), "VALID 2 MINUTES, ONCE" });
            }

            AddButtonBar(new int[] { ButtonId.Exit }, new string[] { "BACK" });
            Draw();
        }

        private void ShowEvents()
        {
            BeginScreen(AppMode.Events, "RECENT EVENTS", Rgb565.Accent);
            EventLog log = _doorLock.Log;
            int lineHeight = Font5x7.TextHeight(_layout.TextScale) + 6;
            int fit = _layout.Content.Height / lineHeight;
            int count = log.Count < fit ? log.Count : fit;
            var lines = new string[count];
            for (int i = 0; i < count; i++)
            {
                LockEvent e = log.GetRecent(i);
                lines[i] = "#" + e.Boot + " " + FormatDuration(e.SecondsSinceBoot) + " " + LockEvent.Describe(e.Kind);
            }

            AddTextLines(lines);
            AddButtonBar(new int[] { ButtonId.Exit }, new string[] { "BACK" });
            _view.Status = "#BOOT, TIME SINCE POWER ON";
            Draw();
        }

        /// <param name="recount">Count the files on the card (entering, retrying); after a submit or undo the session's own counts are current.</param>
        private void ShowGathering(string status, bool recount)
        {
            string problem = null;
            if (recount || !_gathering.CountsKnown)
            {
                try
                {
                    _gathering.Refresh();
                }
                catch (StorageException)
                {
                    problem = CardProblem();
                }
            }

            Rect content = _layout.Content;
            int stripHeight = 2 * Font5x7.TextHeight(_layout.TextScale) + 10;
            var boxesArea = new Rect(content.X, content.Y + stripHeight + _layout.Gap, content.Width, content.Height - stripHeight - _layout.Gap);
            if (problem != null || _gathering.Digit < 0)
            {
                BeginScreen(AppMode.Gathering, "GATHERING", Rgb565.Warn);
                _view.AddLabel(problem == null ? "SD CARD NOT READY" : problem, content, _layout.TitleScale, Rgb565.Warn, true);
                AddButtonBar(new int[] { ButtonId.Exit, ButtonId.Retry }, new string[] { "EXIT", "RETRY" });
                _view.Status = "THE LOCK WORKS WITHOUT IT";
                _view.StatusColor = Rgb565.DimText;
                Draw();
                return;
            }

            BeginBoxScreen(AppMode.Gathering, "WRITE  " + _gathering.Digit + "  IN EACH BOX", Rgb565.Text, GatheringBoxes, boxesArea);
            _round = new RecordedSample[GatheringBoxes];
            Rect[] cells = _layout.Row(new Rect(content.X, content.Y, content.Width, stripHeight), 10);
            int half = stripHeight / 2;
            for (int d = 0; d < 10; d++)
            {
                Rect cell = cells[d];
                bool current = d == _gathering.Digit;
                Label top = _view.AddLabel(d.ToString(), new Rect(cell.X, cell.Y, cell.Width, half), _layout.TextScale,
                    current ? Rgb565.Text : Rgb565.DimText, true);
                top.Fill = current ? Rgb565.Accent : Rgb565.Panel;
                _view.AddLabel(_gathering.CountOf(d).ToString(), new Rect(cell.X, cell.Y + half, cell.Width, stripHeight - half),
                    _layout.TextScale, Rgb565.Text, true).Fill = Rgb565.Panel;
            }

            AddButtonBar(new int[] { ButtonId.Exit, ButtonId.Undo, ButtonId.Clear, ButtonId.Submit },
                new string[] { "EXIT", "UNDO", "CLEAR", "SUBMIT" });
            _view.Status = status.Length > 0 ? status : "WRITE, CHECK, THEN SUBMIT";
            _view.StatusColor = status.Length > 0 ? Rgb565.Good : Rgb565.DimText;
            Draw();
        }

        private void ShowFault()
        {
            BeginScreen(AppMode.Fault, "LOCK FAULT", Rgb565.Bad);
            AddTextLines(new string[] { "PIN RECORD UNREADABLE.", "THE LOCK STAYS SHUT.", "SERVICE NEEDED." });
            Draw();
        }

        private void AddTextLines(string[] lines)
        {
            Rect content = _layout.Content;
            int lineHeight = Font5x7.TextHeight(_layout.TextScale) + 6;
            for (int i = 0; i < lines.Length && (i + 1) * lineHeight <= content.Height; i++)
            {
                _view.AddLabel(lines[i], new Rect(content.X + 4, content.Y + i * lineHeight, content.Width - 8, lineHeight),
                    _layout.TextScale, Rgb565.Text, false);
            }
        }

        private void BeginScreen(AppMode mode, string title, ushort titleColor)
        {
            _mode = mode;
            _view = new ScreenView(title, titleColor);
            _capture = null;
            _penInBox = false;
            _pressed = null;
            _digits = new int[0];
            _shownUntil = new long[0];
            _round = new RecordedSample[0];
        }

        private void BeginBoxScreen(AppMode mode, string title, ushort titleColor, int boxCount, Rect area)
        {
            BeginScreen(mode, title, titleColor);
            Rect[] rects = _layout.WritingBoxes(boxCount, area);
            var boxes = new BoxView[boxCount];
            var writing = new WritingBox[boxCount];
            for (int i = 0; i < boxCount; i++)
            {
                boxes[i] = new BoxView(rects[i]);
                Rect inner = rects[i].Inset(InkInset);
                writing[i] = new WritingBox(inner.X, inner.Y, inner.Width, inner.Height);
            }

            boxes[0].Current = true;
            _view.Boxes = boxes;
            _digits = new int[boxCount];
            _shownUntil = new long[boxCount];
            for (int i = 0; i < boxCount; i++)
            {
                _digits[i] = -1;
            }

            _capture = new StrokeCapture(writing, _parts.TouchSampleRateHz, _parts.DonePauseMs, this);
        }

        private void AddButtonBar(int[] ids, string[] labels)
        {
            Rect[] cells = _layout.Row(_layout.ButtonBar, ids.Length);
            for (int i = 0; i < ids.Length; i++)
            {
                Button button = _view.AddButton(ids[i], labels[i], cells[i]);
                if (ids[i] == ButtonId.Ok || ids[i] == ButtonId.Submit || ids[i] == ButtonId.Admin)
                {
                    button.Color = Rgb565.Accent;
                }
            }
        }

        private string DefaultStatus()
        {
            if (_mode == AppMode.Lock && _doorLock.FailedAttempts > 0)
            {
                int left = _doorLock.AttemptsBeforeLockout + 1;
                return left + (left == 1 ? " TRY" : " TRIES") + " BEFORE LOCKOUT";
            }

            if (_mode == AppMode.Gathering)
            {
                return "WRITE, CHECK, THEN SUBMIT";
            }

            return "";
        }

        private void SetStatus(string text, ushort color)
        {
            _view.Status = text;
            _view.StatusColor = color;
            _renderer.DrawStatus(_view);
        }

        private void Draw()
        {
            _renderer.DrawAll(_view);
        }

        /// <summary>"M:SS", or "H:MM:SS" from an hour up.</summary>
        public static string FormatDuration(long seconds)
        {
            long hours = seconds / 3600;
            long minutes = seconds / 60 % 60;
            long secs = seconds % 60;
            string tail = (secs < 10 ? "0" : "") + secs;
            if (hours > 0)
            {
                return hours + ":" + (minutes < 10 ? "0" : "") + minutes + ":" + tail;
            }

            return minutes + ":" + tail;
        }
    }
}
