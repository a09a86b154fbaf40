namespace AdherenceSync.Tests.Checkpoints;

public sealed class FileCheckpointStoreTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"adherencesync-checkpoint-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task RecordAsync_ThenLoad_ReturnsEveryEntryInOrder()
    {
        using (var sut = CreateSut())
        {
            await sut.RecordAsync(new CheckpointEntry("k1", CheckpointState.Started), TestContext.Current.CancellationToken);
            await sut.RecordAsync(new CheckpointEntry("k1", CheckpointState.Succeeded, "expl-1"), TestContext.Current.CancellationToken);
            await sut.RecordAsync(new CheckpointEntry("k2", CheckpointState.Rejected, Error: "HTTP 400 bad"), TestContext.Current.CancellationToken);
        }

        var entries = await CreateSut().LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            [new CheckpointEntry("k1", CheckpointState.Started), new CheckpointEntry("k1", CheckpointState.Succeeded, "expl-1"), new CheckpointEntry("k2", CheckpointState.Rejected, null, "HTTP 400 bad")],
            entries);
        Assert.Equal(3, File.ReadAllLines(_path).Length);
        Assert.Contains("\"state\":\"Succeeded\"", File.ReadAllText(_path));
    }

    [Fact]
    public async Task RecordAsync_IsOnDiskBeforeItReturns()
    {
        using var sut = CreateSut();

        await sut.RecordAsync(new CheckpointEntry("k1", CheckpointState.Started), TestContext.Current.CancellationToken);

        using var reader = new StreamReader(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        Assert.Contains("\"key\":\"k1\"", await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LoadAsync_TornLastLine_IsSkippedAndTheNextRecordStillParses()
    {
        await File.WriteAllTextAsync(_path, "{\"key\":\"k1\",\"state\":\"Succeeded\",\"explanationId\":\"e1\"}\n{\"key\":\"k2\",\"sta", TestContext.Current.CancellationToken);

        Assert.Equal([new CheckpointEntry("k1", CheckpointState.Succeeded, "e1")], await CreateSut().LoadAsync(TestContext.Current.CancellationToken));

        using (var sut = CreateSut())
        {
            await sut.RecordAsync(new CheckpointEntry("k3", CheckpointState.Started), TestContext.Current.CancellationToken);
        }

        Assert.Equal(
            [new CheckpointEntry("k1", CheckpointState.Succeeded, "e1"), new CheckpointEntry("k3", CheckpointState.Started)],
            await CreateSut().LoadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RecordAsync_Records_ReturnToTheCallerWhileTheWriteIsStillOnItsWay()
    {
        using var sut = CreateSut();
        var returnedPending = 0;

        for (var i = 0; i < 20; i++)
        {
            var record = sut.RecordAsync(new CheckpointEntry($"k{i}", CheckpointState.Succeeded, null), TestContext.Current.CancellationToken);
            returnedPending += record.IsCompleted ? 0 : 1;
            await record;
        }

        // A flush on the caller's thread returns every record completed: the caller's thread did the disk's work.
        // An asynchronous write returns before the disk has it (nearly always; the bound leaves room for a fast disk).
        Assert.True(returnedPending >= 15, $"{returnedPending} of 20 records returned before their write completed");
        Assert.Equal(20, (await CreateSut().LoadAsync(TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task LoadAsync_NoFile_ReturnsNothing()
        => Assert.Empty(await CreateSut().LoadAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task LoadAsync_ADeviceThatReadsAsEndlessZeros_ReturnsNothingAtOnce()
    {
        Assert.SkipUnless(File.Exists("/dev/full"), "/dev/full is a Linux device");
        using var store = new FileCheckpointStore("/dev/full");

        var load = store.LoadAsync(TestContext.Current.CancellationToken).AsTask();

        Assert.Empty(await load.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    private FileCheckpointStore CreateSut() => new(_path);
}
