namespace AdherenceSync.Authentication;

internal static class AuthenticationConstants
{
    public static readonly TimeSpan DefaultRefreshMargin = TimeSpan.FromSeconds(60);

    public const string PlainHttpClientSuffix = ":plain";
}
