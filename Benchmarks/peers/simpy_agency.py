"""The agency-baseline model of dun's simulator (SIMULATION.md §5.2-5.7) written with SimPy, for a speed
comparison only (issue 4, item 7). Same population draws, same per-attempt probabilities, same capacity pool
(agent minutes per shift, highest balance first, retry gap, Reg F 7-in-7 and the 7-day quiet period,
08:00-21:00 local), same promises, plans, settlements, self-cure. Random numbers come from Python's
generator, so results match dun's in distribution, not draw for draw.

usage: python3 simpy_agency.py ACCOUNTS [DAYS] [SEED] [STYLE]
  STYLE "process" (default): idiomatic SimPy, one process per debtor waking daily, agent seats a simpy.Resource
        held for each call's handle time;
  STYLE "loop": SimPy only as the clock, the day's work in plain Python loops (the fastest Python we wrote).
prints "simpy style=S accounts=N days=D cpu_s=T liq180=L"
"""
import math
import random
import sys
import time

import simpy

A0, RP, KF = 0.22, 0.60, 0.10
DOW = [1.00, 0.95, 0.98, 1.00, 1.05, 1.05, 0.90]
HOURS = [[1.2, 0.6, 0.3], [0.6, 1.5, 0.4], [1.0, 1.0, 1.0]]
ZONES = [(-5, 0.47), (-6, 0.29), (-7, 0.07), (-8, 0.17)]
SHIFTS = [(540, 1020)] * 5 + [(540, 780), None]
AGENTS_PER_1000, OCCUPANCY, AHT_RPC, AHT_WRONG, AHT_NA = 0.5, 0.6, 7.0, 1.0, 0.15
GAP, TAU = 2, 274.0


class Account:
    __slots__ = ("balance", "placed", "paid", "cap", "cap0", "w", "f", "fday", "skip", "phone", "prone", "hour",
                 "tz", "promise_day", "promise_amount", "promise_keep", "plan_left", "plan_next", "plan_amount",
                 "pause", "last_conv", "last_try", "calls", "cease", "bad", "reached")

    def __init__(self, rng):
        self.balance = max(100, round(100_000 * math.exp(rng.gauss(0, 1))))
        self.placed, self.paid = self.balance, 0
        self.skip = rng.random() < 0.25
        self.phone = (not self.skip) and rng.random() < 0.85
        self.cap = int(rng.random() * 5_000) if rng.random() < 0.40 else round(50_000 * math.exp(rng.gauss(0, 1)))
        self.cap0 = self.cap
        self.w = sorted([rng.random(), rng.random(), rng.random()])[1]
        self.prone = rng.random() < 0.06
        r = rng.random()
        self.hour = 0 if r < 0.35 else (1 if r < 0.80 else 2)
        r, acc = rng.random(), 0.0
        self.tz = -5
        for tz, share in ZONES:
            acc += share
            if r < acc:
                self.tz = tz
                break
        self.f, self.fday = 0.0, 0
        self.promise_day = self.plan_next = -1
        self.promise_amount = self.plan_amount = self.plan_left = 0
        self.promise_keep = 0.0
        self.pause, self.last_conv, self.last_try = 0, -100, -100
        self.calls = []
        self.cease = self.bad = self.reached = False


class Model:
    def __init__(self, n, days, seed):
        self.rng = random.Random(seed)
        self.env = simpy.Environment()
        self.accounts = [Account(self.rng) for _ in range(n)]
        self.order = sorted(range(n), key=lambda i: (-self.accounts[i].balance, i))
        self.days = days
        self.seats = AGENTS_PER_1000 * n / 1000
        self.collected = 0
        self.curve = []

    def pay(self, a, cents, write_off=0):
        cents = max(0, min(cents, a.balance))
        write_off = max(0, min(write_off, a.balance - cents))
        a.balance -= cents + write_off
        a.paid += cents
        a.cap = max(0, a.cap - cents)
        self.collected += cents
        if a.balance == 0:
            a.promise_day, a.plan_left = -1, 0

    def fatigue(self, a, day):
        return a.f * 0.8 ** (day - a.fday)

    def conversation(self, a, day, ff):
        rng = self.rng
        s = math.exp(-(day) / TAU) * 2 * a.w * ff
        has = a.cap > 5_000
        resolve = 0.06 * s if has else 0
        plan = 0.06 * s if has else 0
        promise = 0.55 * s
        dispute = 0.02 + (0.4 if a.prone else 0)
        total = resolve + plan + promise + dispute + 0.015
        u = rng.random() * (total if total > 1 else 1)
        if u < resolve:
            if a.cap >= a.balance:
                self.pay(a, a.balance)
            elif a.cap >= math.ceil(a.balance * 0.5):
                settle = math.ceil(a.balance * 0.5)
                self.pay(a, settle, a.balance - settle)
            else:
                self.pay(a, a.cap)
        elif u < resolve + plan:
            k = 3 + int(rng.random() * 10)
            a.plan_amount = max(1, min((a.balance + k - 1) // k, round(0.3 * a.cap) + 1_000))
            a.plan_left, a.plan_next = k, day + 14
        elif u < resolve + plan + promise:
            amount = min(a.balance, max(a.cap, 2_500))
            a.promise_day = day + 1 + int(rng.random() * 14)
            a.promise_amount = amount
            a.promise_keep = 0.40 + (0.30 if a.cap >= amount else 0)
        elif u < resolve + plan + promise + dispute:
            a.pause = day + 30
        elif u < total:
            a.cease = True
        else:
            a.w *= 0.85

    def call(self, a, day, weekday, local_minute):
        a.calls = (a.calls + [day])[-7:]
        if not a.phone:
            a.bad = True
            return AHT_NA
        f = self.fatigue(a, day)
        hour = local_minute // 60
        band = 0 if 9 <= hour < 17 else (1 if 17 <= hour < 21 else 2)
        ff = math.exp(-KF * f)
        a.f, a.fday = f + 1.0, day
        if self.rng.random() >= A0 * HOURS[a.hour][band] * DOW[weekday] * ff:
            return AHT_NA
        if self.rng.random() >= RP:
            return AHT_WRONG
        a.reached = True
        a.last_conv = day
        self.conversation(a, day, ff)
        return AHT_RPC

    def daily(self, a, day):
        if a.balance <= 0:
            return
        if day > 0 and day % 30 == 0:
            a.cap += round(a.cap0 * 0.15)
        if a.promise_day == day:
            a.promise_day = -1
            if self.rng.random() < a.promise_keep:
                self.pay(a, min(a.promise_amount, a.balance))
        if a.plan_left > 0 and a.plan_next == day:
            if self.rng.random() < 0.90:
                a.plan_left -= 1
                a.plan_next = day + 30
                self.pay(a, min(a.plan_amount, a.balance))
            else:
                a.plan_left = 0
        if a.balance > 0 and a.promise_day < 0 and a.plan_left == 0 and a.cap > 0:
            if self.rng.random() < 0.0002 * a.w * math.exp(-day / TAU):
                self.pay(a, min(a.balance, a.cap))

    def debtor(self, a):
        for day in range(self.days + 1):
            self.daily(a, day)
            yield self.env.timeout(1440)

    def clock(self):
        for day in range(self.days + 1):
            if day == 14:
                for a in self.accounts:
                    if a.bad and self.rng.random() < 0.30:
                        a.bad, a.phone = False, True
            self.env.process(self.shift_with_seats(day))
            yield self.env.timeout(1440)
            self.curve.append(self.collected)

    def shift_with_seats(self, day):
        weekday = day % 7
        shift = SHIFTS[weekday]
        if shift is None:
            return
        start, end = shift
        yield self.env.timeout(start + 1)
        day_start = self.env.now - start - 1
        for i in self.order:
            if self.env.now - day_start >= end:
                break
            a = self.accounts[i]
            if not self.eligible(a, day):
                continue
            local = self.env.now - day_start + (a.tz + 5) * 60
            if local < 480 or local >= 1260:
                continue
            request = self.seats_resource.request()
            yield request
            a.last_try = day
            self.env.process(self.agent_call(a, day, weekday, int(local), request))

    def agent_call(self, a, day, weekday, local, request):
        minutes = self.call(a, day, weekday, local)
        # Occupancy: an agent spends 1/occupancy of paid time per minute of dialling.
        yield self.env.timeout(minutes / OCCUPANCY)
        self.seats_resource.release(request)

    def debtor_days(self):
        for day in range(self.days + 1):
            for a in self.accounts:
                if a.balance <= 0:
                    continue
                if day > 0 and day % 30 == 0:
                    a.cap += round(a.cap0 * 0.15)
                if a.promise_day == day:
                    a.promise_day = -1
                    if self.rng.random() < a.promise_keep:
                        self.pay(a, min(a.promise_amount, a.balance))
                if a.plan_left > 0 and a.plan_next == day:
                    if self.rng.random() < 0.90:
                        a.plan_left -= 1
                        a.plan_next = day + 30
                        self.pay(a, min(a.plan_amount, a.balance))
                    else:
                        a.plan_left = 0
                if a.balance > 0 and a.promise_day < 0 and a.plan_left == 0 and a.cap > 0:
                    if self.rng.random() < 0.0002 * a.w * math.exp(-day / TAU):
                        self.pay(a, min(a.balance, a.cap))
            if day == 14:
                for a in self.accounts:
                    if a.bad and self.rng.random() < 0.30:
                        a.bad, a.phone = False, True
            self.env.process(self.shift(day))
            yield self.env.timeout(1440)
            self.curve.append(self.collected)

    def eligible(self, a, day):
        return (a.balance > 0 and not a.cease and not a.bad and day >= a.pause and a.promise_day < 0
                and a.plan_left == 0 and day - a.last_try >= GAP and day - a.last_conv >= 7
                and not (len(a.calls) == 7 and a.calls[0] > day - 7))

    def shift(self, day):
        weekday = day % 7
        shift = SHIFTS[weekday]
        if shift is None:
            return
        start, end = shift
        yield self.env.timeout(start)
        pool = self.seats * (end - start) * OCCUPANCY
        rate = pool / (end - start)
        used = 0.0
        for i in self.order:
            if used >= pool:
                break
            a = self.accounts[i]
            if not self.eligible(a, day):
                continue
            local = start + used / rate + (a.tz + 5) * 60
            if local < 480 or local >= 1260:
                continue
            minutes = self.call(a, day, weekday, int(local))
            a.last_try = day
            used += minutes
            # The seats are busy for the call's handle time: virtual time moves on.
            yield self.env.timeout(minutes / self.seats)

    def run_processes(self):
        self.seats_resource = simpy.Resource(self.env, capacity=max(1, round(self.seats)))
        for a in self.accounts:
            self.env.process(self.debtor(a))
        self.env.process(self.clock())
        self.env.run(until=(self.days + 1) * 1440)
        return self.collected / sum(a.placed for a in self.accounts)

    def run(self):
        self.env.process(self.debtor_days())
        self.env.run(until=(self.days + 1) * 1440)
        return self.collected / sum(a.placed for a in self.accounts)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    days = int(sys.argv[2]) if len(sys.argv) > 2 else 180
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    style = sys.argv[4] if len(sys.argv) > 4 else "process"
    start = time.process_time()
    model = Model(n, days, seed)
    liquidation = model.run_processes() if style == "process" else model.run()
    cpu = time.process_time() - start
    print(f"simpy style={style} accounts={n} days={days} cpu_s={cpu:.3f} liq180={liquidation:.4f}")


if __name__ == "__main__":
    main()
