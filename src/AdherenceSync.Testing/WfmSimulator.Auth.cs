using System.Text;
using System.Text.Json.Nodes;
using AdherenceSync.Testing.Handlers;

namespace AdherenceSync.Testing;

/// <content>The token endpoint and authentication: issued tokens expire, and each belongs to an organisation.</content>
public sealed partial class WfmSimulator
{
    private readonly Dictionary<string, (SimulatorOrg Org, DateTimeOffset Expires)> _issued = new(StringComparer.Ordinal);
    private int _tokenRequests;

    /// <summary>
    /// Gets how many requests the token endpoint received.
    /// </summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>
    /// Makes every token issued so far expire now, as if their lifetime had run out.
    /// </summary>
    public void ExpireTokens()
    {
        lock (_lock)
        {
            foreach (var token in _issued.Keys.ToList())
            {
                _issued[token] = (_issued[token].Org, Now);
            }
        }
    }

    private SimulatorAnswer IssueToken(SimulatorCall call)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (Options.Faults.SignIn is { } outage)
        {
            var status = outage.StatusCode ?? 500;
            return new(
                outage.RawBody is { } raw
                    ? SimulatorResponses.Raw(status, raw)
                    : SimulatorResponses.Json(status, new JsonObject { ["error"] = outage.Code ?? "server_error", ["error_description"] = outage.Message ?? "Simulated sign-in outage." }),
                status);
        }

        var (clientId, secret) = BasicCredentials(call);
        var form = call.Request.Body ?? string.Empty;
        if (!form.Split('&').Contains("grant_type=client_credentials", StringComparer.Ordinal))
        {
            return new(SimulatorResponses.Json(400, new JsonObject { ["error"] = "unsupported_grant_type", ["error_description"] = "Only client_credentials is supported." }), 400);
        }

        var org = Options.Orgs.FirstOrDefault(o => o.ClientId == clientId && o.ClientSecret == secret);
        if (org is null)
        {
            return new(SimulatorResponses.Json(401, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "Invalid client credentials." }), 401);
        }

        var token = $"sim-{org.Name}-{Guid.NewGuid():N}";
        lock (_lock)
        {
            _issued[token] = (org, Now + Options.TokenLifetime);
        }

        return new(SimulatorResponses.Json(200, new JsonObject
        {
            ["access_token"] = token,
            ["token_type"] = "bearer",
            ["expires_in"] = (long)Options.TokenLifetime.TotalSeconds,
        }), 200, Org: org.Name);
    }

    private SimulatorAnswer? Authenticate(SimulatorCall call, out SimulatorIdentity? identity)
    {
        identity = null;
        if (string.IsNullOrEmpty(call.Token))
        {
            return new(SimulatorResponses.Error(401, "bad.credentials", "Invalid login credentials."), 401);
        }

        lock (_lock)
        {
            if (_issued.TryGetValue(call.Token, out var issued))
            {
                if (Now >= issued.Expires)
                {
                    return new(SimulatorResponses.Error(401, "authentication.required", "The access token has expired."), 401, Org: issued.Org.Name);
                }

                identity = new SimulatorIdentity(call.Token, issued.Org.Name);
                return null;
            }
        }

        var accepted = Options.AcceptedTokens is { } tokens ? tokens.Contains(call.Token) : Options.Orgs.Count == 0;
        if (!accepted)
        {
            return new(SimulatorResponses.Error(401, "bad.credentials", "Invalid login credentials."), 401);
        }

        identity = new SimulatorIdentity(call.Token, null);
        return null;
    }

    private static (string? ClientId, string? Secret) BasicCredentials(SimulatorCall call)
    {
        var header = call.Request.Headers?.FirstOrDefault(h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (decoded, null) : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private int RequestsPerMinuteFor(SimulatorIdentity identity)
        => Options.Orgs.FirstOrDefault(o => o.Name == identity.Org)?.RequestsPerMinute ?? Options.RequestsPerMinute;

}
