using System;
using DigitLock.Core.Dataset;
using DigitLock.Core.Hardware;

namespace DigitLock.Core.Ui
{
    /// <summary>
    /// The data-collection side of gathering mode: which digit to ask for next (one of the digits
    /// with the fewest samples, so the set stays balanced), how many samples each digit has on the
    /// card, saving a round of samples and undoing the last round. A round that fails half-way
    /// (card pulled or full) is finished by submitting it again: samples already written are not
    /// written twice, and nothing the user wrote is dropped.
    /// </summary>
    public sealed class GatheringSession
    {
        public const string Root = "samples";

        private readonly IStorage _card;
        private readonly SampleStore _store;
        private readonly Random _random;
        private readonly int[] _counts = new int[10];

        private RecordedSample[] _pending;
        private string[] _pendingPaths;
        private string[] _lastRound;
        private int _lastRoundDigit = -1;

        public GatheringSession(IStorage card, string boardId, Random random)
        {
            if (card == null)
            {
                throw new ArgumentNullException("card");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            _card = card;
            _random = random;
            _store = new SampleStore(card, Root, boardId);
            Digit = -1;
        }

        /// <summary>The digit the user is asked to write, or -1 before the counts are known.</summary>
        public int Digit { get; private set; }

        public bool CountsKnown { get; private set; }

        public bool CanUndo
        {
            get { return _lastRound != null; }
        }

        public int CountOf(int digit)
        {
            return _counts[digit];
        }

        /// <summary>Counts the samples on the card and picks a digit. Throws StorageException when the card is missing or unreadable.</summary>
        public void Refresh()
        {
            CountsKnown = false;
            if (!_card.IsPresent)
            {
                throw new StorageException("SD card missing");
            }

            for (int d = 0; d < 10; d++)
            {
                string folder = _store.DigitFolder(d);
                int count = 0;
                if (_card.Exists(folder))
                {
                    string[] names = _card.ListFiles(folder);
                    for (int i = 0; i < names.Length; i++)
                    {
                        if (names[i].EndsWith(".dat"))
                        {
                            count++;
                        }
                    }
                }

                _counts[d] = count;
            }

            CountsKnown = true;
            if (Digit < 0)
            {
                PickDigit();
            }
        }

        /// <summary>
        /// Saves one round (all samples labelled <see cref="Digit"/>). Throws StorageException if
        /// the card fails; calling again with the same array writes only what is still missing.
        /// </summary>
        public void Submit(RecordedSample[] round)
        {
            if (round == null || round.Length == 0)
            {
                throw new ArgumentException("round is empty");
            }

            if (!_card.IsPresent)
            {
                throw new StorageException("SD card missing");
            }

            if (!CountsKnown)
            {
                Refresh();
            }

            if (round != _pending)
            {
                _pending = round;
                _pendingPaths = new string[round.Length];
            }

            for (int i = 0; i < round.Length; i++)
            {
                if (_pendingPaths[i] == null)
                {
                    _pendingPaths[i] = _store.Save(round[i]);
                }
            }

            int digit = round[0].Sample.Label;
            _counts[digit] += round.Length;
            _lastRound = _pendingPaths;
            _lastRoundDigit = digit;
            _pending = null;
            _pendingPaths = null;
            PickDigit();
        }

        /// <summary>Deletes the files of the last round and asks for that digit again.</summary>
        public void Undo()
        {
            if (_lastRound == null)
            {
                return;
            }

            for (int i = 0; i < _lastRound.Length; i++)
            {
                if (_card.Exists(_lastRound[i]))
                {
                    _card.Delete(_lastRound[i]);
                }

                _counts[_lastRoundDigit]--;
            }

            Digit = _lastRoundDigit;
            _lastRound = null;
            _lastRoundDigit = -1;
        }

        private void PickDigit()
        {
            int min = _counts[0];
            for (int d = 1; d < 10; d++)
            {
                if (_counts[d] < min)
                {
                    min = _counts[d];
                }
            }

            int candidates = 0;
            for (int d = 0; d < 10; d++)
            {
                if (_counts[d] == min)
                {
                    candidates++;
                }
            }

            int choice = _random.Next(candidates);
            for (int d = 0; d < 10; d++)
            {
                if (_counts[d] == min)
                {
                    if (choice == 0)
                    {
                        Digit = d;
                        return;
                    }

                    choice--;
                }
            }
        }
    }
}
