namespace AdherenceSync.Pacing;

/// <content>Acquiring a permit for one attempt of a queue.</content>
internal sealed partial class ClientPacing
{
    /// <summary>
    /// Acquires a permit for one attempt of <paramref name="queue"/>. Until the client has heard from the server once, only
    /// one send goes out (<see cref="PacingRateLimiter.FirstGoesAlone"/>): the first answer says what the budget really is
    /// (its headers, or a 429), so the queues do not all start into a budget nobody has seen yet.
    /// </summary>
    /// <returns>The permit: its lease, to dispose when the attempt has ended, and its number among the client budget's grants.</returns>
    public async ValueTask<PacingPermit> AcquireAsync(string queue, SendClass sendClass, CancellationToken cancellationToken)
    {
        var lease = await Limiter.AcquireAsync(new PacingKey(queue, sendClass), 1, cancellationToken).ConfigureAwait(false);

        // A pause can begin while a send that passed the local budget still waits for a later one (the shared budget in
        // Redis): another instance's 429 then arrives in between. Such a send must not go out inside the pause: it
        // gives its permits back and waits again, behind the pause. Likewise a send whose queue passed it before a sibling
        // queue's 429 taught the queue's window, while it waited for the client's turn.
        while (lease.IsAcquired && (ClientBudget.IsPaused || Queue(queue) is { IsPaused: true } or { IsOverdrawn: true }))
        {
            lease.Dispose();
            lease = await Limiter.AcquireAsync(new PacingKey(queue, sendClass), 1, cancellationToken).ConfigureAwait(false);
        }

        if (!lease.IsAcquired)
        {
            return new(lease, null);
        }

        Queue(queue).Sent();
        return new(lease, lease.TryGetMetadata(Client.GrantMetadataName, out var number) ? number as long? : null);
    }
}
