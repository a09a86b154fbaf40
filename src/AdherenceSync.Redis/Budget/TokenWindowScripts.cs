namespace AdherenceSync.Redis.Budget;

/// <summary>
/// The Lua scripts that keep the token's window in Redis for every instance: one grants sends (<see cref="Grant"/>), one
/// learns from a 429 (<see cref="Learn"/>), one gives back the one place in flight (<see cref="Release"/>).
/// </summary>
/// <remarks>
/// <para>
/// The window learned from 429s lives in a hash, <c>{KeyPrefix}:{registration}:learned</c>: <c>reset</c> (where the last
/// 429's Retry-After pointed), <c>allowed</c> and <c>length</c> once two resets have shown a whole window, <c>anchor</c>
/// (the first of them), and the probe's state. Its counts are every instance's grants (the sorted set of the shared
/// window), so what it learns is the token's allowance, not one instance's share of it. Times are milliseconds of the
/// instances' clocks.
/// </para>
/// <para>
/// While nothing is learned, one request is in flight for the whole token (the <c>...:in-flight</c> key, held until its
/// answer is read): the 429 that shows where a window ends is then the only one, and no other instance has a request on
/// the wire when it comes. That lasts at most a minute from the first send or the last 429 (<c>since</c>), so a server that
/// never refuses does not hold the token to one request at a time. A probe past the learned allowance goes alone too.
/// </para>
/// </remarks>
internal static class TokenWindowScripts
{
    /// <summary>
    /// KEYS: the grants, the pause, the learned window, the place in flight. ARGV: now, span, allowance (0 when this
    /// instance knows no window: the learned one applies), permits, member, the start of the server's current window less
    /// a margin (0 when unknown), its end (0 when unknown), the answer time (added to a learned length), how long the
    /// place in flight is held at most, the windows a learned allowance holds before a probe, the least time before one,
    /// the windows the learned window outlives its last use, the least time it does. Returns 0 when granted, -1 when granted
    /// with the place in flight (to give back), else the wait in milliseconds.
    /// </summary>
    public const string Grant = """
        local now = tonumber(ARGV[1])
        local span = tonumber(ARGV[2])
        local allowed = tonumber(ARGV[3])
        local permits = tonumber(ARGV[4])
        local start = tonumber(ARGV[6])
        local ends = tonumber(ARGV[7])
        local pause = redis.call('GET', KEYS[2])
        if pause then
          local untilMs = tonumber(string.match(pause, '|(%d+)$'))
          if untilMs and untilMs > now then
            return untilMs - now
          end
        end
        -- The one place in flight for the token, taken by this send unless another holds it.
        local function takeSlot()
          return redis.call('SET', KEYS[4], ARGV[5], 'NX', 'PX', ARGV[9])
        end
        local slot = 0
        local learned = nil
        if allowed == 0 then
          learned = redis.call('HMGET', KEYS[3], 'allowed', 'length', 'probing', 'probeFrom', 'probeTook', 'probeAt')
          if learned[1] then
            local length = tonumber(learned[2])
            allowed = tonumber(learned[1])
            span = length + tonumber(ARGV[8])
            if learned[3] == '1' and now - tonumber(learned[4]) >= span then
              -- The probe held for a whole window: what it reached is the allowance now.
              allowed = math.max(allowed, tonumber(learned[5]))
              learned[3] = '0'
              learned[6] = tostring(now + math.max(tonumber(ARGV[10]) * length, tonumber(ARGV[11])))
              redis.call('HSET', KEYS[3], 'allowed', allowed, 'probing', 0, 'misses', 0, 'probeAt', learned[6])
            end
            redis.call('PEXPIRE', KEYS[3], math.max(tonumber(ARGV[12]) * length, tonumber(ARGV[13])))
          else
            -- Nothing learned: one request in flight for the token, for at most the least time a learned window is kept
            -- since the first send or the last 429 (a server that never refuses is not held to one at a time for long).
            learned = nil
            local since = tonumber(redis.call('HGET', KEYS[3], 'since'))
            if not since then
              since = now
              redis.call('HSET', KEYS[3], 'since', now)
            end
            redis.call('PEXPIRE', KEYS[3], ARGV[13])
            if now - since < tonumber(ARGV[13]) then
              if not takeSlot() then
                return 10
              end
              slot = 1
            end
            allowed = 1000000000
          end
        end
        if ends > 0 then
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. start)
        else
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
        end
        local count = redis.call('ZCARD', KEYS[1])
        local grant = count + permits <= allowed
        if not grant and learned and now >= tonumber(learned[6]) then
          -- The allowance has held long enough: one request past it, alone in flight, asks whether the limit rose. While
          -- another probe is out, ask again shortly, not when the window slides.
          if not takeSlot() then
            return 10
          end
          slot = 1
          grant = true
          if learned[3] ~= '1' then
            redis.call('HSET', KEYS[3], 'probing', 1, 'probeFrom', now)
          end
          redis.call('HSET', KEYS[3], 'probeTook', count + permits)
        end
        if grant then
          for i = 1, permits do
            redis.call('ZADD', KEYS[1], now, ARGV[5] .. ':' .. i)
          end
          redis.call('PEXPIRE', KEYS[1], span * 2)
          return -slot
        end
        local index = count + permits - allowed - 1
        if index < 0 then index = 0 end
        local oldest = redis.call('ZRANGE', KEYS[1], index, index, 'WITHSCORES')
        if ends > now then
          return math.max(1, ends - now)
        end
        return math.max(1, tonumber(oldest[2]) + span - now)
        """;

    /// <summary>
    /// KEYS: the grants, the learned window. ARGV: when the refused request was sent, when its Retry-After said the window
    /// resets, the answer time, the windows a learned allowance holds before a probe, the least time before one, the
    /// windows the learned window outlives its last use, the least time it does. Returns 1 when the 429 taught nothing (far
    /// below the allowance, and not seen twice), else 0.
    /// </summary>
    public const string Learn = """
        local sent = tonumber(ARGV[1])
        local reset = tonumber(ARGV[2])
        -- The refused request's own grant is counted in Redis before it was sent here: every count below leaves it out.
        local m = redis.call('HMGET', KEYS[2], 'reset', 'allowed', 'length', 'anchor', 'probing', 'misses', 'low')
        local last = tonumber(m[1])
        if last and sent < last then
          -- Sent before the reset the last 429 pointed at: it says nothing of the window since.
          return 0
        end
        local function settle(allowed, length, misses)
          local wait = math.max(tonumber(ARGV[4]) * length, tonumber(ARGV[5])) * 2 ^ math.min(math.max(0, misses - 2), 8)
          redis.call('HSET', KEYS[2], 'allowed', allowed, 'length', length, 'misses', misses, 'probing', 0, 'probeAt', reset + wait)
          redis.call('PEXPIRE', KEYS[2], math.max(tonumber(ARGV[6]) * length, tonumber(ARGV[7])))
        end
        redis.call('HSET', KEYS[2], 'reset', reset, 'since', reset)
        if not last then
          -- The first 429: its cycle began with the first send, not at a reset; only where the next begins is known.
          redis.call('PEXPIRE', KEYS[2], ARGV[7])
          return 0
        end
        if not m[2] then
          -- The second: a whole window between two resets, what it took and how long it lasted.
          local took = math.max(0, redis.call('ZCOUNT', KEYS[1], last, sent) - 1)
          if took >= 1 and reset > last then
            redis.call('HSET', KEYS[2], 'anchor', last)
            settle(took, reset - last, 0)
          end
          return 0
        end
        local allowed = tonumber(m[2])
        local length = tonumber(m[3])
        local misses = tonumber(m[6]) or 0
        -- The window the Retry-After ends began a length before it, or up to a second more (it is rounded up).
        local took = math.max(0, redis.call('ZCOUNT', KEYS[1], math.max(sent - length - tonumber(ARGV[3]), reset - length - 1000), sent) - 1)
        if m[5] == '1' then
          -- A probe went past the limit: what the window took before it is the limit.
          if took > allowed then
            settle(took, length, 0)
          else
            settle(allowed, length, misses + 1)
          end
          return 0
        end
        if took >= allowed then
          -- The window held its whole allowance and still refused: it is longer than learned. Spread the time since the
          -- first confirmed reset over the windows it holds.
          local anchor = tonumber(m[4])
          local windows = math.floor((reset - anchor) / length + 0.5)
          if windows >= 1 then
            settle(allowed, math.max(length + 1, math.floor((reset - anchor) / windows)), misses)
          end
          return 0
        end
        if took * 4 < allowed and (not m[7] or sent - tonumber(m[7]) > 2 * length) then
          -- Far below what the window held: no budget's, unless a second one soon says the same.
          redis.call('HSET', KEYS[2], 'low', sent)
          return 1
        end
        -- The limit fell: the window took less than it held. Lowered at once, and probed less eagerly.
        settle(math.max(1, took), length, math.max(misses, 4))
        return 0
        """;

    /// <summary>KEYS: the place in flight. ARGV: the member that holds it. Gives it back unless it expired and another took it.</summary>
    public const string Release = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;
}
