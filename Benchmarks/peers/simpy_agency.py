"""The agency baseline of `dun-sim-bench single N` written in SimPy, for a speed comparison only (issue 4, item 7).

What it models is what dun runs there: `campaigns/agency-baseline.yaml` over the default scenario
(`simulators/default.yaml`, SIMULATION.md §5) for 180 days, with the rules of the contact policy that bind in
that run. Not a dependency of dun: scripts/bench-sim.sh installs SimPy with pip and runs both side by side.

- Portfolio: the same synthetic accounts as dun. The population and every behaviour draw use dun's generators
  (SplitMix64 per account for the traits, a counter-based hash of (seed, account, day, purpose) for behaviour),
  so both programs see the same accounts and the same luck; differences in the results come from the models.
- Debtors: answer and right-party contact by hour type, weekday and fatigue; conversations (resolve now with a
  settlement, plans, promises kept or broken, disputes, cease, annoyance); monthly capacity replenishment;
  self-cure; skip tracing on day 14 (DebtorModel.swift, DebtorModel+Behaviour.swift).
- The agency: each account is a SimPy process running the campaign (a series of up to 6 daily attempts, a
  3-day rest, again; 15 days' rest after a promise; stop when paid in full, on a cease, paused by a dispute
  until verification 30 days later). Agents are a simpy.PriorityResource (0.5 seats per 1,000 accounts), served
  highest balance first; outside the shift (Mon-Fri 09:00-17:00, Sat 09:00-13:00 at UTC-5) a "closed" request
  holds every seat. A call holds its seat for handle time / occupancy.
- Rules (DunPolicy): 08:00:01-20:55 local in every candidate zone, DST from zoneinfo (Florida: Eastern and
  Central; Oregon: Pacific and Mountain) (RF-6-TIME); Reg F 7 calls in 7 days per debt over every 7-day
  window, on home and UTC dates, counting connected calls (RF-14-A); no call for 7 days from a conversation
  (RF-14-B); the campaign's 1 call a day, 7 in 7 days and 2-hour gap, the house 2-hour gap; Massachusetts'
  2 in 7 days; the campaign window 08:00-21:00 Mon-Sat in the home zone, U.S. federal holidays blacked out.
  A blocked call waits until the rule releases it. As in dun, an account closed by a settlement (paid part,
  the rest written off) leaves the campaign (dun: the simulator withdraws it with reason "settled").

Idiomatic SimPy, as a Python team would write it: processes, timeouts, a priority resource, interrupts,
datetime/zoneinfo for local time, plain objects. Neither sabotaged nor tuned for speed (no numpy, no caching
of zone offsets, no batching of accounts; the holiday test is memoised). `--bisect-line` swaps the seats'
waiting line for a binary insertion (see BisectLine): stock SimPy re-sorts the line on every request, which
is most of the run at 10,000 accounts; scripts/bench-sim.sh measures both.

Where the two programs can still differ: the order of events at the same instant (dun takes due work by
balance, SimPy in scheduling order) and dun's 32-bit fatigue; both move single draws, so the figures agree
closely but not to the cent.

usage: python3 simpy_agency.py [ACCOUNTS] [SEED] [--bisect-line]
prints one line of figures and the CPU time of building and running the model.
"""
import bisect
import functools
import math
import resource
import sys
import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import simpy

# The default scenario (simulators/default.yaml).
DAYS = 180
START = int(datetime(2026, 1, 5, tzinfo=timezone.utc).timestamp())  # a Monday
DAY = 86_400
BALANCE_MEDIAN, BALANCE_SIGMA = 100_000, 1.0
SKIP, PHONE_VALID = 0.25, 0.85
NO_CAPACITY, NO_CAPACITY_MAX, CAPACITY_MEDIAN, CAPACITY_SIGMA, REPLENISH = 0.40, 5_000, 50_000, 1.0, 0.15
DISPUTE_PRONE, MASSACHUSETTS = 0.06, 0.02
HOUR_TYPES = [0.35, 0.45, 0.20]
ZONE_SHARES = [(-5, 0.47), (-6, 0.29), (-7, 0.07), (-8, 0.17)]
TAU = 274.0
ANSWER, RIGHT_PARTY = 0.22, 0.60
HOURS = [[1.2, 0.6, 0.3], [0.6, 1.5, 0.4], [1.0, 1.0, 1.0]]
DOW = [1.00, 0.95, 0.98, 1.00, 1.05, 1.05, 0.90]
FATIGUE_DECAY, FATIGUE_K, FATIGUE_CALL = 0.80, 0.06, 1.0
RESOLVE, PLAN, PROMISE = 0.06, 0.06, 0.55
KEEP_BASE, KEEP_AFFORDABLE, PROMISE_DELAY, PROMISE_MIN, HAS_CAPACITY = 0.40, 0.25, 14, 2_500, 5_000
PLAN_MIN, PLAN_MAX, PLAN_FIRST_DUE, PLAN_KEEP, SETTLE = 3, 12, 14, 0.90, 0.50
DISPUTE, DISPUTE_IF_PRONE, DISPUTE_PAUSE, CEASE, ANNOYANCE = 0.02, 0.40, 30, 0.015, 0.92
SELF_CURE, COMPLAINT = 0.0002, 0.00005
AGENTS_PER_1000, OCCUPANCY = 0.5, 0.6
AHT_RPC, AHT_WRONG, AHT_NO_ANSWER = 7.0, 1.0, 0.15
SHIFTS = [(9, 17)] * 5 + [(9, 13), None]  # Monday first, agency local time
AGENCY_OFFSET = -5 * 3_600
SKIP_TRACE_DAY, SKIP_TRACE_REPAIR = 14, 0.30

# The campaign (campaigns/agency-baseline.yaml).
SERIES, RETRY_EVERY, REST, PROMISE_REST = 6, DAY, 3 * DAY, 15 * DAY
WINDOW = (8 * 3_600, 21 * 3_600)  # Monday-Saturday, home zone
CALLS_PER_DAY, CALLS_PER_7_DAYS, MIN_GAP = 1, 7, 2 * 3_600

# The policy (DunPolicy) for calls.
DAY_START, DAY_END_CALLS = 8 * 3_600 + 1, 20 * 3_600 + 55 * 60
HOUSE_CALL_GAP = 2 * 3_600

# Homes as dun's simulator places accounts (EngineRun.homes): home zone, every zone the time rule checks
# (the state's zones and the area code's), Massachusetts.
NEW_YORK, CHICAGO = ZoneInfo("America/New_York"), ZoneInfo("America/Chicago")
DENVER, LOS_ANGELES, BOISE = ZoneInfo("America/Denver"), ZoneInfo("America/Los_Angeles"), ZoneInfo("America/Boise")
HOMES = {
    -5: (NEW_YORK, (NEW_YORK, CHICAGO)),  # Florida, area code 305
    -6: (CHICAGO, (CHICAGO,)),  # Illinois, 312
    -7: (DENVER, (DENVER,)),  # Colorado, 303
    -8: (LOS_ANGELES, (LOS_ANGELES, BOISE)),  # Oregon, 206
    "MA": (NEW_YORK, (NEW_YORK,)),  # Massachusetts, 617
}

# Attempt results.
NO_ANSWER, ANSWERED, CONVERSATION, NOT_IN_SERVICE = range(4)

# Draw purposes (DebtorModel.Purpose).
P_ANSWER, P_RIGHT_PARTY, P_OUTCOME, P_PROMISE_DELAY, P_PROMISE_KEEP, P_PLAN_MONTHS, P_PLAN_KEEP = range(1, 8)
P_COMPLAINT, P_SELF_CURE, P_SKIP_TRACE = 8, 9, 16

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix(z):
    """The SplitMix64 finaliser, as dun's SplitMix64.mix."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def exp(x):
    return math.pow(2.718281828459045, x)  # dun's Math.exp, so the population matches to the cent


def rounded(x):
    return math.floor(x + 0.5)


class SplitMix64:
    def __init__(self, seed):
        self.state = seed

    def uniform(self):
        self.state = (self.state + GOLDEN) & MASK
        return (mix(self.state) >> 11) * 2.0**-53

    def normal(self):
        u1 = max(self.uniform(), 2.0**-60)
        u2 = self.uniform()
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)

    def beta22(self):
        a, b, c = self.uniform(), self.uniform(), self.uniform()
        return max(min(a, b), min(max(a, b), c))


def pick(draw, shares):
    cumulative = 0.0
    for index, share in enumerate(shares):
        cumulative += share
        if draw < cumulative:
            return index
    return len(shares) - 1


@functools.lru_cache(maxsize=None)
def is_federal_holiday(day):
    """Observed U.S. federal holidays (BlackoutCalendar.isUSFederalHoliday)."""
    fixed = {(1, 1), (6, 19), (7, 4), (11, 11), (12, 25)}
    weekday = day.weekday()
    if weekday < 5 and (day.month, day.day) in fixed:
        return True
    friday_before = day + timedelta(days=1)
    if weekday == 4 and (friday_before.month, friday_before.day) in fixed:
        return True
    monday_after = day - timedelta(days=1)
    if weekday == 0 and (monday_after.month, monday_after.day) in fixed:
        return True
    nth = (day.day - 1) // 7 + 1
    last = (day + timedelta(days=7)).month != day.month
    rules = {(1, 0): nth == 3, (2, 0): nth == 3, (5, 0): last, (9, 0): nth == 1, (10, 0): nth == 2,
             (11, 3): nth == 4}
    return rules.get((day.month, weekday), False)


def local(zone, t):
    """Local day number (days since 1970-01-01) and second of the day at UTC instant t."""
    moment = datetime.fromtimestamp(t, zone)
    seconds = t + int(moment.utcoffset().total_seconds())
    return seconds // DAY, seconds % DAY


def instant(zone, day, second):
    """The UTC instant at which local day `day` reaches `second` in zone."""
    wall = datetime(1970, 1, 1) + timedelta(days=day, seconds=second)
    return int(wall.replace(tzinfo=zone).timestamp())


class BisectLine(simpy.resources.resource.SortedQueue):
    """The waiting line with a binary insertion (``--bisect-line``): SimPy's SortedQueue re-sorts the whole line
    with a Python key function on every request, which dominates with thousands of accounts waiting. The one
    change a team would make after profiling; off by default, so the headline measures stock SimPy."""

    def append(self, item):
        bisect.insort_right(self, item, key=lambda event: event.key)


class BisectSeats(simpy.PriorityResource):
    PutQueue = BisectLine


class Account:
    __slots__ = ("i", "placed", "balance", "paid", "written_off", "capacity", "capacity0", "willingness",
                 "phone_valid", "bad_number", "prone", "hour_type", "home", "zones", "massachusetts",
                 "fatigue", "fatigue_day", "promise_day", "promise_amount", "promise_keep", "plan_left",
                 "plan_next", "plan_amount", "paid_any", "reached", "calls", "active", "step", "in_flight",
                 "routed_at", "dispute_paused", "resume", "process")

    def __init__(self, traits):
        (self.placed, self.capacity, self.willingness, skip, phone, prone, ma, hour_type, offset) = traits
        self.balance, self.paid, self.written_off = self.placed, 0, 0
        self.capacity0 = self.capacity
        self.phone_valid, self.bad_number, self.prone = phone and not skip, False, prone
        self.hour_type, self.massachusetts = hour_type, ma
        self.home, self.zones = HOMES["MA" if ma else offset]
        self.fatigue, self.fatigue_day = 0.0, 0
        self.promise_day, self.promise_amount, self.promise_keep = -1, 0, 0.0
        self.plan_left, self.plan_next, self.plan_amount = 0, -1, 0
        self.paid_any = self.reached = False
        self.calls = []  # the policy's ledger: [instant, home day, UTC day, result or None while pending]
        self.active, self.step, self.in_flight = True, "call", False
        self.routed_at = None
        self.dispute_paused, self.resume = False, None
        self.process = None


def population(n, seed):
    """dun's Population: n accounts drawn from per-account SplitMix64 streams, in descending balance order."""
    drawn = []
    zone_total = sum(share for _, share in ZONE_SHARES)
    for k in range(n):
        rng = SplitMix64(mix((mix(seed) + k * GOLDEN) & MASK))
        balance = max(100, rounded(BALANCE_MEDIAN * exp(BALANCE_SIGMA * rng.normal())))
        skip = rng.uniform() < SKIP
        phone = False
        if skip:
            rng.uniform(), rng.uniform(), rng.uniform()
        else:
            phone = rng.uniform() < PHONE_VALID
            rng.uniform(), rng.uniform()  # SMS and email: not used by the agency
        if rng.uniform() < NO_CAPACITY:
            capacity = math.floor(rng.uniform() * NO_CAPACITY_MAX)
            rng.normal()
        else:
            rng.uniform()
            capacity = rounded(CAPACITY_MEDIAN * exp(CAPACITY_SIGMA * rng.normal()))
        willingness = rng.beta22()
        prone = rng.uniform() < DISPUTE_PRONE
        ma = rng.uniform() < MASSACHUSETTS
        hour_type = pick(rng.uniform() * sum(HOUR_TYPES), HOUR_TYPES)
        offset = ZONE_SHARES[pick(rng.uniform() * zone_total, [share for _, share in ZONE_SHARES])][0]
        drawn.append((balance, capacity, willingness, skip, phone, prone, ma, hour_type, offset))
    order = sorted(range(n), key=lambda k: (-drawn[k][0], k))
    accounts = [Account(drawn[k]) for k in order]
    for i, account in enumerate(accounts):
        account.i = i
    return accounts


class Agency:
    def __init__(self, n, seed, bisect_line=False):
        self.env = simpy.Environment(initial_time=START)
        replication_seed = mix(seed)  # Comparison.replicationSeed(0)
        self.accounts = population(n, replication_seed)
        self.draw_key = mix(replication_seed ^ 0x5DEECE66D1CE4E5B)
        seats = BisectSeats if bisect_line else simpy.PriorityResource
        self.seats = seats(self.env, capacity=max(1, rounded(AGENTS_PER_1000 * n / 1000)))
        self.decay = [exp(-day / TAU) for day in range(DAYS + 2)]
        self.placed = sum(a.placed for a in self.accounts)
        self.collected_by_day = []
        self.counts = dict(attempts=0, rpc=0, promises=0, kept=0, broken=0, plans=0, settlements=0, disputes=0,
                           ceases=0, complaints=0, reached90=0)

    def draw(self, i, day, purpose):
        """A uniform draw that depends only on (seed, account, day, purpose): dun's DebtorModel.draw."""
        key = (self.draw_key + i * GOLDEN + ((day << 8) | purpose) * 0xC2B2AE3D27D4EB4F) & MASK
        return (mix(key) >> 11) * 2.0**-53

    # ---- The debtor (DebtorModel+Behaviour.swift) ----

    def current_fatigue(self, a, day):
        return a.fatigue * FATIGUE_DECAY ** max(0, day - a.fatigue_day)

    def call(self, a, t):
        """The debtor's side of one call placed at t: returns (result, handle minutes)."""
        day = (t - START) // DAY
        self.counts["attempts"] += 1
        if not a.phone_valid:
            a.bad_number = True
            return NOT_IN_SERVICE, AHT_NO_ANSWER
        fatigue = self.current_fatigue(a, day)
        local_day, second = local(a.home, t)
        weekday = (local_day + 3) % 7
        hour = second // 3_600
        band = 0 if 9 <= hour < 17 else (1 if 17 <= hour < 21 else 2)
        fatigue_factor = exp(-FATIGUE_K * fatigue)
        answer = ANSWER * HOURS[a.hour_type][band] * DOW[weekday] * fatigue_factor
        a.fatigue, a.fatigue_day = fatigue + FATIGUE_CALL, day
        if self.draw(a.i, day, P_ANSWER) >= answer:
            return NO_ANSWER, AHT_NO_ANSWER
        if self.draw(a.i, day, P_COMPLAINT) < COMPLAINT * (1 + fatigue):
            self.counts["complaints"] += 1
        if self.draw(a.i, day, P_RIGHT_PARTY) >= RIGHT_PARTY:
            return ANSWERED, AHT_WRONG
        self.counts["rpc"] += 1
        if not a.reached:
            a.reached = True
            if day < 90:
                self.counts["reached90"] += 1
        self.conversation(a, day, fatigue_factor)
        return CONVERSATION, AHT_RPC

    def conversation(self, a, day, fatigue_factor):
        s = self.decay[day] * 2 * a.willingness * fatigue_factor
        has_capacity = a.capacity > HAS_CAPACITY
        resolve = RESOLVE * s if has_capacity else 0.0
        plan = PLAN * s if has_capacity else 0.0
        promise = PROMISE * s
        dispute = DISPUTE + (DISPUTE_IF_PRONE if a.prone else 0.0)
        total = resolve + plan + promise + dispute + CEASE
        u = self.draw(a.i, day, P_OUTCOME)
        if total > 1:
            u *= total
        if u < resolve:
            self.settle(a, day)
        elif u < resolve + plan:
            self.start_plan(a, day)
        elif u < resolve + plan + promise:
            self.counts["promises"] += 1
            delay = 1 + int(self.draw(a.i, day, P_PROMISE_DELAY) * PROMISE_DELAY)
            amount = min(a.balance, max(a.capacity, PROMISE_MIN))
            a.promise_day, a.promise_amount = day + delay, amount
            a.promise_keep = KEEP_BASE + (KEEP_AFFORDABLE if a.capacity >= amount else 0.0)
            self.promised(a)
        elif u < resolve + plan + promise + dispute:
            self.counts["disputes"] += 1
            self.disputed(a)
        elif u < total:
            self.counts["ceases"] += 1
            self.end(a)
        else:
            a.willingness *= ANNOYANCE

    def settle(self, a, day):
        if a.capacity >= a.balance:
            self.pay(a, a.balance)
            return
        settlement = math.ceil(a.balance * SETTLE)
        if a.capacity >= settlement:
            self.counts["settlements"] += 1
            self.pay(a, settlement, a.balance - settlement)
        else:
            self.pay(a, a.capacity)

    def start_plan(self, a, day):
        self.counts["plans"] += 1
        span = PLAN_MAX - PLAN_MIN + 1
        months = PLAN_MIN + min(span - 1, int(self.draw(a.i, day, P_PLAN_MONTHS) * span))
        even = (a.balance + months - 1) // months
        a.plan_amount = max(1, min(even, rounded(0.3 * a.capacity) + 1_000))
        a.plan_left, a.plan_next = months, day + PLAN_FIRST_DUE
        self.promised(a)

    def pay(self, a, cents, write_off=0):
        amount = max(0, min(cents, a.balance))
        written = max(0, min(write_off, a.balance - amount))
        a.balance -= amount + written
        a.paid += amount
        a.written_off += written
        a.capacity = max(0, a.capacity - amount)
        if amount > 0:
            a.paid_any = True
        if a.balance == 0:
            a.promise_day, a.plan_left = -1, 0
        if amount > 0 and a.paid >= a.placed:
            self.end(a)  # the campaign stops when paid in full
        elif a.balance == 0 and written > 0:
            self.end(a)  # a settlement closes the account

    def account_day(self, a, day):
        """Replenishment, promises and instalments falling due, self-cure (DebtorModel.accountDay)."""
        if a.balance <= 0:
            return
        if day > 0 and day % 30 == 0:
            a.capacity += rounded(a.capacity0 * REPLENISH)
        if a.promise_day == day:
            a.promise_day = -1
            if self.draw(a.i, day, P_PROMISE_KEEP) < a.promise_keep:
                self.counts["kept"] += 1
                self.pay(a, min(a.promise_amount, a.balance))
            else:
                self.counts["broken"] += 1
        if a.plan_left > 0 and a.plan_next == day:
            if self.draw(a.i, day, P_PLAN_KEEP) < PLAN_KEEP:
                a.plan_left -= 1
                a.plan_next = day + 30
                if a.plan_left > 0:
                    self.promised(a)  # the next instalment is a promise to the campaign
                self.pay(a, min(a.plan_amount, a.balance))
            else:
                a.plan_left = 0
        if a.balance <= 0:
            return
        if a.promise_day < 0 and a.plan_left == 0 and a.capacity > 0:
            if self.draw(a.i, day, P_SELF_CURE) < SELF_CURE * self.decay[day] * a.willingness:
                self.pay(a, min(a.balance, a.capacity))

    # ---- What the campaign hears (the engine's inputs) ----

    def promised(self, a):
        """A promise routes the call step to the 15-day promise wait; in other steps it changes nothing."""
        if a.active and a.step == "call":
            a.routed_at = self.env.now
            if not a.in_flight and a.process.is_alive and a.process is not self.env.active_process:
                a.process.interrupt("promised")

    def disputed(self, a):
        a.dispute_paused = True
        self.env.process(self.verification(a))

    def verification(self, a):
        """The validation information goes out after the pause; contact may resume."""
        yield self.env.timeout(DISPUTE_PAUSE * DAY)
        a.dispute_paused = False
        if a.resume is not None and not a.resume.triggered:
            a.resume.succeed()

    def end(self, a):
        if not a.active:
            return
        a.active = False
        if not a.in_flight and a.process is not None and a.process.is_alive \
                and a.process is not self.env.active_process:
            a.process.interrupt("ended")

    # ---- The contact policy and the campaign window ----

    def blocked_until(self, a, t):
        """The latest release among the campaign window and the rules that block a call at t; None if allowed."""
        home_day, second = local(a.home, t)
        weekday = (home_day + 3) % 7
        opens, closes = WINDOW
        closed = weekday == 6 or is_federal_holiday(date(1970, 1, 1) + timedelta(days=home_day))
        if closed or second >= closes:
            return self.window_opening(a, home_day + 1)
        if second < opens:
            return self.window_opening(a, home_day)
        releases = []
        for zone in a.zones:  # RF-6-TIME, every candidate zone
            zone_day, zone_second = local(zone, t)
            if zone_second < DAY_START:
                releases.append(instant(zone, zone_day, DAY_START))
            elif zone_second > DAY_END_CALLS:
                releases.append(instant(zone, zone_day + 1, DAY_START))
        utc_day = t // DAY
        next_day = instant(a.home, home_day + 1, 0)
        today = connected_home = connected_utc = 0
        all_calls = [0] * 13
        reg_home, reg_utc, ma_week = [0] * 13, [0] * 13, [0] * 13
        for when, day, call_utc_day, result in a.calls:
            if result == CONVERSATION:  # RF-14-B: the conversation day and six more, home and UTC dates
                if day <= home_day <= day + 6:
                    releases.append(instant(a.home, day + 7, 0))
                if call_utc_day <= utc_day <= call_utc_day + 6:
                    releases.append((call_utc_day + 7) * DAY)
            if abs(when - t) < max(MIN_GAP, HOUSE_CALL_GAP):
                releases.append(when + max(MIN_GAP, HOUSE_CALL_GAP))
            offset = day - home_day + 6
            if 0 <= offset < 13:
                all_calls[offset] += 1
                if result != NOT_IN_SERVICE:  # RF-14-CALL: connected or pending calls count
                    reg_home[offset] += 1
                    ma_week[offset] += 1
            utc_offset = call_utc_day - utc_day + 6
            if 0 <= utc_offset < 13 and result != NOT_IN_SERVICE:
                reg_utc[utc_offset] += 1
        if all_calls[6] + 1 > CALLS_PER_DAY:
            releases.append(next_day)
        if failing_window(all_calls, CALLS_PER_7_DAYS):
            releases.append(next_day)
        if failing_window(reg_home, 7):
            releases.append(next_day)
        elif failing_window(reg_utc, 7):
            releases.append((utc_day + 1) * DAY)
        if a.massachusetts and failing_window(ma_week, 2):
            releases.append(next_day)
        # The house limits on all contacts (4 a day, 10 in 7 days) cannot bind: the campaign allows 1 call a day.
        return max(releases) if releases else None

    def window_opening(self, a, day):
        while (day + 3) % 7 == 6 or is_federal_holiday(date(1970, 1, 1) + timedelta(days=day)):
            day += 1
        return instant(a.home, day, WINDOW[0])

    # ---- The campaign (campaigns/agency-baseline.yaml) ----

    def enrolment(self, a):
        """One account's campaign: series of calls, rests, promise waits, until paid, ceased or the horizon."""
        env = self.env
        # Day 0: the window's first opening on the placement day (Sunday in every zone, so Monday 08:00 local).
        step, due = "call", self.window_opening(a, local(a.home, env.now)[0])
        while True:
            try:
                a.step = step
                if due > env.now:
                    yield env.timeout(due - env.now)
                if step == "call":
                    outcome = yield from self.series(a)
                    if outcome is None:
                        return
                    step, due = outcome
                else:
                    step, due = "call", env.now
            except simpy.Interrupt:
                if not a.active:
                    return
                step, due = "promise-wait", a.routed_at + PROMISE_REST
                a.routed_at = None

    def series(self, a):
        """Up to 6 attempts a day apart; returns the next wait (step, until), or None when the campaign ended."""
        env = self.env
        for number in range(1, SERIES + 1):
            result = yield from self.attempt(a)
            if not a.active:
                return None
            if a.routed_at is not None:
                base, a.routed_at = a.routed_at, None
                return "promise-wait", base + PROMISE_REST
            if result in (CONVERSATION, NOT_IN_SERVICE) or number == SERIES:
                return "rest", env.now + REST
            yield env.timeout(RETRY_EVERY)
        return None

    def attempt(self, a):
        """Waits until the rules allow a call and an agent is free (highest balance first), then calls."""
        env = self.env
        while True:
            if a.dispute_paused:
                a.resume = env.event()
                yield a.resume
                continue
            until = self.blocked_until(a, env.now)
            if until is not None:
                yield env.timeout(max(until, env.now + 1) - env.now)
                continue
            ready = env.now
            with self.seats.request(priority=-(a.placed - a.paid)) as seat:
                yield seat
                if env.now != ready and (a.dispute_paused or self.blocked_until(a, env.now) is not None):
                    continue  # the rules moved on while it waited: give the seat back, wait again
                t = env.now
                record = [t, local(a.home, t)[0], t // DAY, None]
                a.calls = [c for c in a.calls if c[0] > t - 8 * DAY] + [record]
                a.in_flight = True
                result, minutes = self.call(a, t)
                yield env.timeout(max(1, rounded(minutes / OCCUPANCY * 60)))
                a.in_flight = False
                record[3] = result
                return result

    # ---- Agents' hours, debtors' days, the record ----

    def shifts(self):
        """Outside the agency's shift a 'closed' request holds every seat, ahead of any account."""
        env = self.env
        closed = [self.seats.request(priority=-(1 << 62)) for _ in range(self.seats.capacity)]
        first = (START + AGENCY_OFFSET) // DAY
        for day in range(first, first + DAYS + 2):
            shift = SHIFTS[(day + 3) % 7]
            if shift is None:
                continue
            opens = day * DAY + shift[0] * 3_600 - AGENCY_OFFSET
            closes = day * DAY + shift[1] * 3_600 - AGENCY_OFFSET
            if opens < env.now:
                continue
            yield env.timeout(opens - env.now)
            for request in closed:
                self.seats.release(request)
            yield env.timeout(closes - env.now)
            closed = [self.seats.request(priority=-(1 << 62)) for _ in range(self.seats.capacity)]

    def debtors(self):
        """Every day at 05:00 UTC: replenishment, promises and instalments due, self-cure; skip tracing on day 14."""
        env = self.env
        for day in range(1, DAYS + 1):
            yield env.timeout(START + day * DAY + 5 * 3_600 - env.now)
            if day == SKIP_TRACE_DAY:
                for a in self.accounts:
                    if a.bad_number and self.draw(a.i, day, P_SKIP_TRACE) < SKIP_TRACE_REPAIR:
                        a.bad_number, a.phone_valid = False, True
            for a in self.accounts:
                self.account_day(a, day)

    def recorder(self):
        env = self.env
        for day in range(DAYS):
            yield env.timeout(START + (day + 1) * DAY - env.now)
            self.collected_by_day.append(sum(a.paid for a in self.accounts))

    def run(self):
        for a in self.accounts:
            a.process = self.env.process(self.enrolment(a))
        self.env.process(self.shifts())
        self.env.process(self.debtors())
        self.env.process(self.recorder())
        self.env.run(until=START + (DAYS + 1) * DAY)
        self.collected_by_day.append(sum(a.paid for a in self.accounts))  # the end of day 180


def failing_window(counts, limit):
    """Whether a 7-day window containing day d (index 6 of d-6...d+6) would hold more than limit with one more."""
    if sum(counts) + 1 <= limit:
        return False
    return any(sum(counts[start:start + 7]) + 1 > limit for start in range(7))


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    arguments = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
    bisect_line = "--bisect-line" in sys.argv
    n = int(arguments[0]) if arguments else 10_000
    seed = int(arguments[1]) if len(arguments) > 1 else 1
    start_cpu, start_wall = cpu_seconds(), time.monotonic()
    agency = Agency(n, seed, bisect_line)
    agency.run()
    cpu, wall = cpu_seconds() - start_cpu, time.monotonic() - start_wall
    counts, placed, curve = agency.counts, agency.placed, agency.collected_by_day
    conserved = all(a.paid + a.balance + a.written_off == a.placed for a in agency.accounts)
    line = "bisect" if bisect_line else "stock"
    print(f"simpy agency line={line} accounts={n} days={DAYS} wall_s={wall:.3f} cpu_s={cpu:.3f} "
          f"collected_cents={curve[DAYS]} conserved={conserved}")
    print(f"figures attempts_per_account={counts['attempts'] / n:.4f} "
          f"rpc_per_attempt={counts['rpc'] / max(1, counts['attempts']):.4f} "
          f"liq_d30={curve[30] / placed:.4f} liq_d90={curve[90] / placed:.4f} liq_d180={curve[DAYS] / placed:.4f} "
          f"promises_per_rpc={counts['promises'] / max(1, counts['rpc']):.4f} "
          f"promises_kept={counts['kept'] / max(1, counts['kept'] + counts['broken']):.4f} "
          f"reached_d90={counts['reached90'] / n:.4f} "
          f"paying_share={sum(a.paid_any for a in agency.accounts) / n:.4f} "
          f"disputes={counts['disputes']} ceases={counts['ceases']} settlements={counts['settlements']} "
          f"plans={counts['plans']}")


if __name__ == "__main__":
    main()
