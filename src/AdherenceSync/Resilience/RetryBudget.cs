namespace AdherenceSync.Resilience;

/// <summary>
/// The retry quota of one client (AWS standard mode): retries take tokens, successes give them back.
/// </summary>
internal sealed class RetryBudget(RetryBudgetOptions options)
{
    private readonly Lock _lock = new();
    private int _available = options.Capacity;

    public int Available
    {
        get
        {
            lock (_lock)
            {
                return _available;
            }
        }
    }

    /// <summary>Takes the cost of one retry; false when the budget cannot pay, and then nothing is taken.</summary>
    public bool TryWithdraw(bool afterTimeout, out int cost)
    {
        cost = afterTimeout ? options.TimeoutRetryCost : options.RetryCost;
        if (!options.Enabled)
        {
            cost = 0;
            return true;
        }

        lock (_lock)
        {
            if (_available < cost)
            {
                return false;
            }

            _available -= cost;
            return true;
        }
    }

    /// <summary>Records a success: gives back what its retries took, or the success refund when it needed none.</summary>
    public void OnSuccess(int retriesTook)
    {
        if (!options.Enabled)
        {
            return;
        }

        lock (_lock)
        {
            _available = Math.Min(options.Capacity, _available + (retriesTook > 0 ? retriesTook : options.SuccessRefund));
        }
    }
}
