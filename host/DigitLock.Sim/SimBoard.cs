using System.Net;
using System.Net.Sockets;
using DigitLock.Core.Hardware;
using DigitLock.Core.ModelPush;
using DigitLock.Core.Security;
using DigitLock.Core.Ui;

namespace DigitLock.Sim;

/// <summary>
/// One simulated board running the portable firmware core: LCD, touch controller, lock output,
/// internal flash and SD card (host directories), the C engine, the serial console and the
/// model-push port. <see cref="Restart"/> reboots the firmware and keeps flash and card.
/// </summary>
public sealed class SimBoard : IPushObserver, IDisposable
{
    private readonly object _sync = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _threads = new();
    private TcpListener? _pushListener;
    private DigitLockApp _app = null!;
    private DigitLockParts _parts = null!;
    private SimClock _clock = null!;
    private ActiveModel _active = null!;
    private ModelSlots _slots = null!;
    private PushDevice _pushDevice = null!;
    private string _lastScreen = "";

    public SimBoard(BoardProfile profile, string flashDir, string cardDir, byte[]? factoryModel, SerialConsole serial)
    {
        Profile = profile;
        Serial = serial;
        Display = new SimDisplay(profile.Width, profile.Height);
        Touch = new TouchController(profile.TouchRateHz, profile.Width, profile.Height);
        Flash = new DirectoryStorage(flashDir);
        Card = new DirectoryStorage(cardDir);
        LockOutput = new SimLockOutput(serial);
        FactoryModel = factoryModel;
        Boot();
    }

    public BoardProfile Profile { get; }

    public SerialConsole Serial { get; }

    public SimDisplay Display { get; }

    public TouchController Touch { get; }

    public DirectoryStorage Flash { get; }

    public DirectoryStorage Card { get; }

    public SimLockOutput LockOutput { get; }

    /// <summary>The model flashed at the factory: installed when the flash holds no valid model.</summary>
    public byte[]? FactoryModel { get; }

    public int Boots { get; private set; }

    public int PushPort => ((IPEndPoint?)_pushListener?.LocalEndpoint)?.Port ?? 0;

    public string DeviceId => "sim-" + Profile.Name;

    /// <summary>Runs <paramref name="read"/> with the firmware paused, for a consistent view of it.</summary>
    public T Read<T>(Func<DigitLockApp, SlotInfo?, T> read)
    {
        lock (_sync)
        {
            return read(_app, _slots.Active);
        }
    }

    /// <summary>A copy of the framebuffer as little-endian RGB565 bytes.</summary>
    public byte[] FrameBytes(out long frameNumber)
    {
        lock (_sync)
        {
            frameNumber = Display.FrameNumber;
            var bytes = new byte[Display.Framebuffer.Length * 2];
            Buffer.BlockCopy(Display.Framebuffer, 0, bytes, 0, bytes.Length);
            return bytes;
        }
    }

    /// <summary>Starts the main loop, the touch controller and the push port (0: any free port).</summary>
    public void Start(int pushPort)
    {
        _pushListener = new TcpListener(IPAddress.Loopback, pushPort);
        _pushListener.Start();
        StartThread("main-loop", MainLoop);
        StartThread("touch", TouchLoop);
        StartThread("push", PushLoop);
        Serial.WriteLine($"push: listening on 127.0.0.1:{PushPort}");
    }

    public void Restart()
    {
        lock (_sync)
        {
            Serial.WriteLine("board: reset button pressed");
            _active.Use(null);
            LockOutput.SetUnlocked(false);
            Boot();
        }
    }

    public void SetCardPresent(bool present)
    {
        lock (_sync)
        {
            Card.IsPresent = present;
            Serial.WriteLine(present ? "sd: card inserted" : "sd: card removed");
        }
    }

    public void Log(string line) => Serial.WriteLine(line);

    public void ModelChanged(SlotInfo active) => _parts.ModelInfo = ModelInfoLines(active, _slots.BootNote);

    public void Dispose()
    {
        _stop.Cancel();
        _pushListener?.Stop();
        foreach (var t in _threads)
        {
            t.Join(1000);
        }

        _active?.Use(null);
    }

    private void Boot()
    {
        Boots++;
        Serial.WriteLine($"boot #{Boots}: DigitLock on {Profile.Description} ({Profile.Width}x{Profile.Height}, touch {Profile.TouchRateHz} Hz)");
        _clock = new SimClock();
        _slots = new ModelSlots(Flash);
        var engine = new NativeModelEngine();
        byte[]? model = _slots.Boot();
        if (model == null && FactoryModel != null)
        {
            Serial.WriteLine("model: flash holds no valid model, installing the factory model as version 1");
            _slots.Install(FactoryModel, 1, Sha256.Hash(FactoryModel), "FACTORY MODEL");
            model = _slots.Boot();
        }

        _active = new ActiveModel();
        if (model != null)
        {
            var loaded = engine.Prepare(model, out var reason);
            if (loaded == null)
            {
                Serial.WriteLine("model: the engine rejects the stored model: " + reason);
            }
            else
            {
                _active.Use(loaded);
                Serial.WriteLine($"model: v{_slots.Active!.Version} from slot {_slots.ActiveSlot}, {model.Length} bytes");
            }
        }
        else
        {
            Serial.WriteLine("model: NONE - digits cannot be read until a model is pushed");
        }

        if (_slots.BootNote.Length > 0)
        {
            Serial.WriteLine("model: " + _slots.BootNote);
        }

        var entropy = new RandomEntropySource();
        var pairing = new HostPairing(Flash, _clock, entropy);
        var installer = new ModelInstaller(_slots, engine, _active);
        try
        {
            // Like the board at power-on: a model package on the card (digitlock push --to sd:DIR) is taken now.
            var imported = new CardImport(Card, _slots, pairing, installer).Run(DeviceId, Profile.MaxModelBytes);
            if (imported != null)
            {
                Serial.WriteLine("sd: model package: " + imported);
            }
        }
        catch (StorageException e)
        {
            Serial.WriteLine("sd: " + e.Message);
        }

        _parts = new DigitLockParts
        {
            Display = Display,
            Config = Flash,
            Card = Card,
            Clock = _clock,
            LockOutput = LockOutput,
            Classifier = _active,
            Entropy = entropy,
            TouchSampleRateHz = Profile.TouchRateHz,
            BoardId = DeviceId,
            Pairing = pairing,
            ModelInfo = ModelInfoLines(_active.HasModel ? _slots.Active : null, _slots.BootNote),
        };
        var device = new PushDevice(_slots, Flash, _parts.Pairing, entropy, engine, _active, this)
        {
            DeviceId = DeviceId,
            MaxModelBytes = Profile.MaxModelBytes,
        };
        _pushDevice = device;
        _app = new DigitLockApp(_parts);
        _lastScreen = "";
        LogScreen();
    }

    private static string[] ModelInfoLines(SlotInfo? active, string bootNote)
    {
        if (active == null)
        {
            return ["NO MODEL INSTALLED", "DIGITS CANNOT BE READ"];
        }

        var lines = new List<string>
        {
            $"MODEL VERSION {active.Version}",
            $"{active.Size} BYTES SHA {Convert.ToHexString(active.Sha256, 0, 4)}",
            active.Note ?? "",
        };
        if (bootNote.Length > 0)
        {
            lines.Add(bootNote);
        }

        return lines.ToArray();
    }

    private void StartThread(string name, Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = name };
        _threads.Add(thread);
        thread.Start();
    }

    private void MainLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            lock (_sync)
            {
                _app.Tick();
                LogScreen();
            }

            _stop.Token.WaitHandle.WaitOne(20);
        }
    }

    private void TouchLoop()
    {
        int periodMs = 1000 / Touch.RateHz;
        while (!_stop.IsCancellationRequested)
        {
            var report = Touch.Sample();
            if (report is { } r)
            {
                lock (_sync)
                {
                    _app.OnTouch(r.Action, r.X, r.Y, (int)_clock.NowMs);
                    LogScreen();
                }
            }

            _stop.Token.WaitHandle.WaitOne(periodMs);
        }
    }

    private void PushLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = _pushListener!.AcceptTcpClient();
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                Serial.WriteLine("push: host connected");
                int boot;
                PushServer server;
                lock (_sync)
                {
                    boot = Boots;
                    server = new PushServer(_pushDevice);
                }

                var link = new TcpPushLink(client.GetStream());
                var buffer = new byte[4096];
                while (true)
                {
                    int n = link.Read(buffer, 0, buffer.Length);
                    if (n <= 0)
                    {
                        break;
                    }

                    byte[]? replies;
                    lock (_sync)
                    {
                        // A reset drops the link, as a rebooting board's UART would.
                        if (boot != Boots)
                        {
                            break;
                        }

                        replies = server.Receive(buffer, 0, n);
                    }

                    if (replies != null)
                    {
                        try
                        {
                            link.Write(replies, 0, replies.Length);
                        }
                        catch (IOException)
                        {
                            break;
                        }
                    }
                }

                Serial.WriteLine("push: host disconnected");
            }
        }
    }

    /// <summary>The serial log notes each screen change, as the firmware's debug output would.</summary>
    private void LogScreen()
    {
        var view = _app.View;
        var screen = _app.Mode + " " + view.Title;
        if (screen != _lastScreen)
        {
            _lastScreen = screen;
            Serial.WriteLine($"ui: {_app.Mode} \"{view.Title}\"" + (string.IsNullOrEmpty(view.Status) ? "" : $" status \"{view.Status}\""));
        }
    }
}
