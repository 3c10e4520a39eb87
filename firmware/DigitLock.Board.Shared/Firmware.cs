using System;
using System.Threading;
using DigitLock.Core.Hardware;
using DigitLock.Core.Security;
using DigitLock.Core.Ui;

namespace DigitLock.Board
{
    /// <summary>
    /// What both board apps do once their hardware is bound: boot the model from the slots on
    /// config storage (DeviceBoot), build the app, connect touch and run the UI loop. Shared so
    /// the two Main methods differ only in hardware set-up and the inference engine.
    /// </summary>
    public static class Firmware
    {
        /// <summary>The UI loop period; DigitLockApp wants a Tick every 20-50 ms.</summary>
        public const int TickMs = 30;

        /// <summary>Never returns.</summary>
        public static void Run(string boardId, IDisplay display, ITouchInput touch, IStorage config, IStorage card,
            ILockOutput lockOutput, IClock clock, IClassifierFactory classifiers)
        {
            DigitLockParts parts = new DigitLockParts();
            parts.Display = display;
            parts.Config = config;
            parts.Card = card;
            parts.Clock = clock;
            parts.LockOutput = lockOutput;
            parts.Entropy = new RandomEntropySource();
            parts.TouchSampleRateHz = touch.SampleRateHz;
            parts.BoardId = boardId;

            DeviceBoot boot = new DeviceBoot();
            DigitLockApp app = boot.Start(parts, classifiers);
            // Console, not Debug: the boot decision must reach the serial log in release builds too.
            string[] log = boot.Log;
            for (int i = 0; i < log.Length; i++)
            {
                Console.WriteLine(log[i]);
            }

            touch.Attach(app);
            while (true)
            {
                app.Tick();
                Thread.Sleep(TickMs);
            }
        }
    }
}
