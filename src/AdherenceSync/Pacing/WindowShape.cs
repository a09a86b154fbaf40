namespace AdherenceSync.Pacing;

/// <summary>The token's window as this instance knows it, for the window kept with the other instances (<see cref="ISharedBudget.WindowLimiter"/>).</summary>
/// <param name="Allowed">How many requests a window allows.</param>
/// <param name="Length">How long a window lasts.</param>
/// <param name="Ends">When the current window ends, when the headers have shown it: sends before its start are not counted in it.</param>
internal readonly record struct WindowShape(double Allowed, TimeSpan Length, DateTimeOffset? Ends = null);
