namespace DigitLock.Export.Tests;

public sealed class ExpectedAccuracyTests
{
    [Fact]
    public void Record_round_trips_and_lives_beside_the_model()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dl-acc-{Guid.NewGuid():N}.accuracy.json");
        var record = new ExpectedAccuracy("default.tflite", "ab12", 0.99312, 10000, 0.1);
        try
        {
            File.WriteAllText(path, record.ToJson());
            Assert.Equal(record, ExpectedAccuracy.Read(path));
            Assert.Equal("99.31", record.Percent);
            Assert.Equal(Path.Combine("/x/models", "default.accuracy.json"), ExpectedAccuracy.PathBeside("/x/models/default.tflite"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Damaged_record_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dl-acc-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, "{\"model\": 3}");
            var error = Assert.Throws<InvalidDataException>(() => ExpectedAccuracy.Read(path));
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
