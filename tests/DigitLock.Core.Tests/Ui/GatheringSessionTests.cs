using DigitLock.Core.Hardware;
using DigitLock.Core.Tests.LockFakes;
using DigitLock.Core.Ui;

namespace DigitLock.Core.Tests.Ui;

public class GatheringSessionTests
{
    [Fact]
    public void Counts_what_is_already_on_the_card_and_asks_for_a_least_collected_digit()
    {
        var card = new MemoryStorage();
        for (int d = 0; d < 10; d++)
        {
            int files = d == 6 ? 2 : 5;
            for (int i = 0; i < files; i++)
            {
                card.WriteAtomic($"samples/{d}/old-{i:D6}.dat", [1]);
            }
        }

        card.WriteAtomic("samples/6/notes.txt", [1]); // not a sample
        var session = new GatheringSession(card, "b", new Random(1));
        session.Refresh();

        Assert.True(session.CountsKnown);
        Assert.Equal(5, session.CountOf(0));
        Assert.Equal(2, session.CountOf(6));
        Assert.Equal(6, session.Digit);
    }

    [Fact]
    public void Ties_are_broken_at_random_among_the_least_collected()
    {
        var seen = new HashSet<int>();
        for (int seed = 0; seed < 40; seed++)
        {
            var card = new MemoryStorage();
            card.WriteAtomic("samples/0/x-000000.dat", [1]);
            card.WriteAtomic("samples/1/x-000000.dat", [1]);
            var session = new GatheringSession(card, "b", new Random(seed));
            session.Refresh();
            Assert.InRange(session.Digit, 2, 9);
            seen.Add(session.Digit);
        }

        Assert.True(seen.Count >= 5, "the choice among tied digits should vary");
    }

    [Fact]
    public void Missing_card_is_a_storage_error_and_counts_are_unknown()
    {
        var card = new MemoryStorage { IsPresent = false };
        var session = new GatheringSession(card, "b", new Random(1));
        Assert.Throws<StorageException>(() => session.Refresh());
        Assert.False(session.CountsKnown);
        Assert.Equal(-1, session.Digit);
    }
}
