#!/usr/bin/env python3
"""Generates Sources/DunPolicy/Time/TimeZoneData.swift from the IANA tz database installed on this machine.

Source: the compiled TZif files under /usr/share/zoneinfo (Debian package `tzdata`; its version is read from
/usr/share/zoneinfo/tzdata.zi and written into the output), zone and link names from tzdata.zi, and the
country -> zones map from zone.tab.

For every zone (`Z` line of tzdata.zi) it keeps the UTC offsets from 1970-01-01 through 2100-12-31: the explicit
TZif transitions from 1970 on, then transitions of the POSIX footer rule found by scanning with Python's zoneinfo
(daily samples, refined to the second by bisection). It then checks the result against zoneinfo at random
instants and fails on any difference.

Usage: python3 scripts/gen-tz-data.py > Sources/DunPolicy/Time/TimeZoneData.swift
"""

import datetime
import random
import struct
import sys
import zoneinfo

ROOT = "/usr/share/zoneinfo"
START = 0  # 1970-01-01T00:00:00Z
END = int(datetime.datetime(2101, 1, 1, tzinfo=datetime.timezone.utc).timestamp())


def read_tzif(name):
    with open(f"{ROOT}/{name}", "rb") as f:
        data = f.read()
    assert data[:4] == b"TZif", name
    version = data[4]

    def header(offset):
        return struct.unpack(">6l", data[offset + 20 : offset + 44])

    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = header(0)
    if version >= ord("2"):
        skip = 44 + timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt
        isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = header(skip)
        pos = skip + 44
        times = struct.unpack(f">{timecnt}q", data[pos : pos + timecnt * 8])
        pos += timecnt * 8
    else:
        pos = 44
        times = struct.unpack(f">{timecnt}l", data[pos : pos + timecnt * 4])
        pos += timecnt * 4
    idx = data[pos : pos + timecnt]
    pos += timecnt
    types = []
    for i in range(typecnt):
        utoff, isdst, _ = struct.unpack(">lBB", data[pos + i * 6 : pos + i * 6 + 6])
        types.append(utoff)
    pos += typecnt * 6 + charcnt + leapcnt * (12 if version >= ord("2") else 8) + isstdcnt + isutcnt
    footer = data[pos:].strip(b"\n").decode() if version >= ord("2") else ""
    return [(t, types[i]) for t, i in zip(times, idx)], types[0], footer


def zi_offset(tz, t):
    return int(datetime.datetime.fromtimestamp(t, tz).utcoffset().total_seconds())


def zone_offsets(name):
    """[(transition_utc, offset_after)], offset before the first one, with every transition in [1970, 2101)."""
    transitions, first_offset, footer = read_tzif(name)
    tz = zoneinfo.ZoneInfo(name)
    initial = first_offset
    kept = []
    for t, off in transitions:
        if t <= START:
            initial = off
        elif t < END:
            kept.append((t, off))
    last = kept[-1][0] if kept else START
    if "," in footer:  # a DST rule continues after the explicit transitions
        day = 86_400
        t = last + day
        prev = zi_offset(tz, last)
        while t < END:
            cur = zi_offset(tz, t)
            if cur != prev:
                lo, hi = t - day, t  # offset(lo) == prev, offset(hi) == cur
                while hi - lo > 1:
                    mid = (lo + hi) // 2
                    if zi_offset(tz, mid) == prev:
                        lo = mid
                    else:
                        hi = mid
                kept.append((hi, cur))
                prev = cur
            t += day
    # Drop no-op transitions (abbreviation-only changes): they carry no offset change.
    out, current = [], initial
    for t, off in kept:
        if off != current:
            out.append((t, off))
            current = off
    return initial, out


def b36(n):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    s = ""
    while n:
        n, r = divmod(n, 36)
        s = digits[r] + s
    return s


def main():
    version = "unknown"
    zones, links = [], []
    with open(f"{ROOT}/tzdata.zi") as f:
        for line in f:
            if line.startswith("# version"):
                version = line.split()[2]
            elif line.startswith("Z "):
                zones.append(line.split()[1])
            elif line.startswith("L "):
                _, target, alias = line.split()
                links.append((alias, target))
    zones.sort()
    links.sort()
    country = {}
    with open(f"{ROOT}/zone.tab") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            country.setdefault(cols[0], []).append(cols[2])

    rng = random.Random(20261121)
    lines = []
    for name in zones:
        initial, trans = zone_offsets(name)
        offsets = []
        for off in [initial] + [o for _, o in trans]:
            if off not in offsets:
                offsets.append(off)
        tokens, prev = [], START
        for t, off in trans:
            delta = t - prev
            assert delta > 0
            prev = t
            # Whole minutes are written in minutes, other deltas in seconds with a "~" prefix.
            tok = b36(delta // 60) if delta % 60 == 0 else "~" + b36(delta)
            tokens.append(f"{tok}.{offsets.index(off)}")
        # The encoding must decode to exactly these transitions (as TimeZoneStore.swift reads it).
        decoded, at = [], START
        for token in tokens:
            delta, index = token.split(".")
            at += int(delta[1:], 36) if delta.startswith("~") else int(delta, 36) * 60
            decoded.append((at, offsets[int(index)]))
        assert decoded == trans, name
        lines.append(f"Z {name} {offsets.index(initial)} {','.join(str(o) for o in offsets)} {','.join(tokens)}")
        # Verify against zoneinfo at random instants and around each transition.
        tz = zoneinfo.ZoneInfo(name)
        def ours(t):
            cur = initial
            for tt, off in trans:
                if tt <= t:
                    cur = off
                else:
                    break
            return cur
        samples = [rng.randrange(START, END) for _ in range(200)]
        for tt, _ in trans[:: max(1, len(trans) // 40)]:
            samples += [tt - 1, tt]
        for s in samples:
            assert ours(s) == zi_offset(tz, s), (name, s, ours(s), zi_offset(tz, s))
    for alias, target in links:
        lines.append(f"L {alias} {target}")
    for code in sorted(country):
        lines.append(f"C {code} {','.join(country[code])}")

    print(f"// GENERATED by scripts/gen-tz-data.py — do not edit.")
    print(f"// Source: IANA tz database {version}, compiled TZif files of the Debian package tzdata")
    print(f"// ({ROOT}), names from tzdata.zi, country zones from zone.tab. Generated on")
    print(f"// {datetime.date.today().isoformat()}. Offsets cover 1970-01-01 through 2100-12-31 UTC.")
    print("//")
    print("// Format, one record a line: `Z name initialOffsetIndex offsets transitions`, where transitions are")
    print("// `delta.offsetIndex` with delta in base-36 minutes since the previous transition (1970-01-01 for the")
    print("// first; a `~` prefix means seconds); `L alias target` for links; `C ISO-country zone,zone`.")
    print()
    print("extension TimeZoneTable {")
    print(f'    /// The IANA tz database release the table was built from.')
    print(f'    public static let databaseVersion = "{version}"')
    print()
    print('    static let compiledData = """')
    for line in lines:
        print("        " + line)
    print('        """')
    print("}")


if __name__ == "__main__":
    main()
