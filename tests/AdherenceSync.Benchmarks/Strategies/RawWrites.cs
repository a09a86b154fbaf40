using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace AdherenceSync.Benchmarks.Strategies;

/// <summary>The POST a hand-rolled client sends for one row.</summary>
internal static class RawWrites
{
    public static HttpRequestMessage Create(AdherenceRow row, string token)
    {
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""{"type":"{{row.Type}}","startDate":"{{row.StartDate.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","lengthMinutes":{{row.LengthMinutes}}}""");
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v2/workforcemanagement/agents/{Uri.EscapeDataString(row.AgentId)}/adherence/explanations")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
