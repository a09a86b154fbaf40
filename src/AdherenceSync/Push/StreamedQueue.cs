using System.Threading.Channels;

namespace AdherenceSync.Push;

/// <summary>One queue of a streamed push: where its rows go as they are read, and its loop, which ends once they have all ended.</summary>
internal sealed record StreamedQueue(ChannelWriter<PlannedRow> Rows, Task Drained);
